package com.medsync.realtime.admin.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The paging options of a listing ({@code connections}, {@code rooms}). */
final class PageOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec listing;

    @Option(names = "--limit", paramLabel = "K",
            description = "At most K per page, 1 to 500 (the server's default: 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "C",
            description = "Start after this cursor: the `Next page: --cursor C` a previous page ended with.")
    String cursor;

    @Option(names = "--all",
            description = "Follow the cursors to the last page, printing each page as it comes (with --json, one"
                    + " answer a line).")
    boolean all;

    /**
     * An option's value, refused when blank: the server takes an empty filter for no filter, so {@code --user ""}
     * would list everyone.
     *
     * @return the value, or {@code null} when the option was not given
     */
    String given(String option, String value) {
        return value == null ? null : AdminCommand.nonBlank(listing, value, option);
    }
}
