package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.HalfLoad;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The comparison's headline figures, one value per repeat and server, as {@link Spread}s: what the JSON, the
 * Markdown and the targets all quote, so the three can never disagree.
 */
final class Figures {

    private Figures() {
    }

    /** @return {@code figure} of server {@code key} in each repeat (NaN where that repeat did not measure it) */
    static Spread of(RunResults results, String key, ToDoubleFunction<ServerResults> figure) {
        List<Double> values = new ArrayList<>();
        for (int repeat = 1; repeat <= results.repeats(); repeat++) {
            values.add(results.server(key, repeat).map(server -> {
                try {
                    return figure.applyAsDouble(server);
                } catch (NullPointerException e) {
                    return Double.NaN; // a scenario the repeat did not reach
                }
            }).orElse(Double.NaN));
        }
        return Spread.of(values);
    }

    static Spread saturation(RunResults results, String key) {
        return of(results, key, server -> server.fanOut().saturationEventsPerS());
    }

    /** @return per-repeat ratio of MedSync's saturation to {@code other}'s */
    static Spread saturationRatio(RunResults results, String other) {
        return Spread.ratios(saturation(results, "medsync"), saturation(results, other));
    }

    static Spread halfLoad(RunResults results, String key, ToDoubleFunction<HalfLoad> figure) {
        return load(results, key, ServerResults::halfLoad, figure);
    }

    static Spread heavyLoad(RunResults results, String key, ToDoubleFunction<HalfLoad> figure) {
        return load(results, key, ServerResults::heavyLoad, figure);
    }

    /** @param which the fixed-rate step ({@link ServerResults#halfLoad} or {@link ServerResults#heavyLoad}) */
    static Spread load(RunResults results, String key, Function<ServerResults, HalfLoad> which,
            ToDoubleFunction<HalfLoad> figure) {
        return of(results, key, server -> which.apply(server) == null ? Double.NaN : figure.applyAsDouble(which.apply(server)));
    }

    static Spread storm(RunResults results, String key) {
        return of(results, key, server -> server.storm().perSecond());
    }

    /** @return a figure of the server's last capacity level (the most connections: the most exact per connection) */
    static Spread topLevel(RunResults results, String key, ToDoubleFunction<Capacity.Level> figure) {
        return of(results, key, server -> top(server).map(figure::applyAsDouble).orElse(Double.NaN));
    }

    static Optional<Capacity.Level> top(ServerResults server) {
        if (server.capacity() == null || server.capacity().levels().isEmpty()) {
            return Optional.empty();
        }
        List<Capacity.Level> levels = server.capacity().levels();
        return Optional.of(levels.get(levels.size() - 1));
    }

    /** @return the ramp's highest sustained rate as events/s */
    static Spread sustained(RunResults results, String key) {
        return of(results, key, server -> server.fanOut().sustainedPublishesPerS() * results.fanOutSockets()
                / (double) results.fanOutRooms());
    }

    /** @return the ramp's highest rate kept up with ({@link com.medsync.realtime.bench.scenario.FanOut.Step#keptUp}) as events/s */
    static Spread keptUp(RunResults results, String key) {
        return of(results, key, server -> server.fanOut().keptUpPublishesPerS() * results.fanOutSockets()
                / (double) results.fanOutRooms());
    }
}
