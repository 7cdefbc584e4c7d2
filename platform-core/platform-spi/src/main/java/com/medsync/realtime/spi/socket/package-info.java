/**
 * Sockets and client events: what features see of connected clients.
 */
package com.medsync.realtime.spi.socket;
