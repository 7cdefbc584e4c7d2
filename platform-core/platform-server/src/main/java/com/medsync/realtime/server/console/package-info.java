/**
 * What the operator console reads and does on this node, apart from HTTP: pages of sockets and rooms drawn from
 * the session layer's own maps (never a copy of them), the bounded tails of events and admin changes, and sending
 * sockets away. The admin API ({@code api}) turns these into JSON.
 */
package com.medsync.realtime.server.console;
