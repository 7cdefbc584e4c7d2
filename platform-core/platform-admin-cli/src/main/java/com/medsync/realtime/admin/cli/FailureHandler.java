package com.medsync.realtime.admin.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns what a command throws into a line on stderr and the exit status the operator's scripts expect. */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /**
     * A wrong command line: what is wrong and where help is, instead of picocli's default of the whole usage
     * text, which buries the one line that matters.
     */
    @Override
    public int handleParseException(ParameterException wrong, String[] args) {
        CommandLine command = wrong.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("medsync-admin: " + wrong.getMessage());
        UnmatchedArgumentException.printSuggestions(wrong, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int exitCode;
        if (failure instanceof AdminFailure admin) {
            err.println("medsync-admin: " + admin.getMessage());
            exitCode = admin.exitCode();
        } else {
            // A bug in this tool, not an answer of the server; the type is what a bug report needs.
            err.println("medsync-admin: internal error: " + failure);
            exitCode = ExitCodes.UNAVAILABLE;
        }
        err.flush();
        return exitCode;
    }
}
