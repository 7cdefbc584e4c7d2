package com.medsync.realtime.server.config;

/** How strictly the server treats missing secrets. */
public enum Profile {
    /** Missing secrets are generated and printed; ports bind to loopback only. */
    DEV,
    /** Missing secrets stop start-up. */
    PROD
}
