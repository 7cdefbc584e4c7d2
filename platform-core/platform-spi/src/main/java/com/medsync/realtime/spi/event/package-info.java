/**
 * Events: what the platform publishes to sockets and who owns each event name.
 */
package com.medsync.realtime.spi.event;
