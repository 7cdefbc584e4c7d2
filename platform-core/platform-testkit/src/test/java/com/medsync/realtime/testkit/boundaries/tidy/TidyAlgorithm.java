package com.medsync.realtime.testkit.boundaries.tidy;

/** A plugin's internal class, package-private as it should be. */
final class TidyAlgorithm {

    static final String NAME = "HmacSHA256";

    private TidyAlgorithm() {
    }
}
