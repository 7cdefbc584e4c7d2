package com.medsync.realtime.admin.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes an id that begins with a dash as the id. Socket ids are URL-safe Base64, so one in 64 begins with
 * {@code -}; picocli would otherwise read {@code -hQz...} as {@code -h} and refuse the rest, and an operator
 * copying the id from {@code connections} would get a usage error. An argument that names one of the command's
 * options ({@code --json}, {@code --url=...}) is still that option.
 */
final class DashedId implements IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec id, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false;
        }
        String next = args.peek();
        if (!next.startsWith("-") || next.equals("--") || namesAnOption(command, next)) {
            return false;
        }
        id.setValue(args.pop());
        return true;
    }

    private static boolean namesAnOption(CommandSpec command, String argument) {
        int equals = argument.indexOf('=');
        String name = equals < 0 ? argument : argument.substring(0, equals);
        return command.findOption(name) != null;
    }
}
