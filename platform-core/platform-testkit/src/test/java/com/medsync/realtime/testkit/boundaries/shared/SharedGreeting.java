package com.medsync.realtime.testkit.boundaries.shared;

/** Stands for another plugin's api package. */
public record SharedGreeting(String text) {
}
