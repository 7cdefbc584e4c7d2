/**
 * Authentication: turning a Socket.IO handshake into a {@link com.medsync.realtime.spi.auth.Principal}.
 */
package com.medsync.realtime.spi.auth;
