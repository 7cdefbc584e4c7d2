package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.ConnectStorm;
import com.medsync.realtime.bench.scenario.FanOut;

/**
 * Everything measured on one server.
 *
 * @param halfLoad the fan-out step at half of MedSync's saturation rate, with 5,000 sockets
 * @param cpuMicrosPerEvent CPU time the server's process used (all threads, user and system) per event it
 *        delivered during the half-load step, in microseconds; NaN when unknown
 * @param unexpectedCloses connected sockets the server closed during the run (0 expected)
 * @param error why the server's scenarios stopped early, or null
 */
public record ServerResults(String key, String label, Capacity.Result capacity, ConnectStorm.Result storm,
        FanOut.Ramp fanOut, FanOut.Step halfLoad, double cpuMicrosPerEvent, int unexpectedCloses,
        String error) {
}
