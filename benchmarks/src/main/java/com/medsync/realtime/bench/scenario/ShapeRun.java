package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.PhaseResult;

/**
 * One measurement of the shapes matrix: a shape's cold or warm phase on one server in one repeat.
 *
 * @param state {@code cold} or {@code warm}
 * @param result null when the server or the generator failed (then {@code error} says why)
 */
public record ShapeRun(Shape shape, String state, String server, String serverLabel, int repeat, PhaseResult result,
        String error) {

    public String key() {
        return shape.key(state);
    }
}
