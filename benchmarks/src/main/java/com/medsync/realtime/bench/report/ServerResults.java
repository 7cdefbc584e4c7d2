package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.ConnectStorm;
import com.medsync.realtime.bench.scenario.FanOut;

/**
 * Everything measured on one server.
 *
 * @param halfLoad the fan-out step at half of MedSync's saturation rate, with 5,000 sockets
 * @param unexpectedCloses connected sockets the server closed during the run (0 expected)
 * @param error why the server's scenarios stopped early, or null
 */
public record ServerResults(String key, String label, Capacity.Result capacity, ConnectStorm.Result storm,
        FanOut.Ramp fanOut, FanOut.Step halfLoad, int unexpectedCloses, String error) {
}
