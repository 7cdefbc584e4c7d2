package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.ConnectStorm;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.HalfLoad;

/**
 * Everything measured on one server in one repeat of the comparison.
 *
 * @param repeat 1, 2, 3...
 * @param halfLoad the fan-out step at half of the highest rate MedSync kept up with, with its CPU accounting
 * @param heavyLoad the fan-out step at half of MedSync's sustained rate (deliveries above 80% of the offered rate)
 * @param unexpectedCloses connected sockets the server closed during the run (0 expected)
 * @param error why the server's scenarios stopped early, or null
 */
public record ServerResults(String key, String label, int repeat, Capacity.Result capacity, ConnectStorm.Result storm,
        FanOut.Ramp fanOut, HalfLoad halfLoad, HalfLoad heavyLoad, int unexpectedCloses, String error) {

    /** @return server CPU per delivered event at half load in microseconds, NaN when unknown */
    public double cpuMicrosPerEvent() {
        return halfLoad == null ? Double.NaN : halfLoad.serverCpuUsPerEvent();
    }
}
