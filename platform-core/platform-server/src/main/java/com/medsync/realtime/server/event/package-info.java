/**
 * What every layer passes on, below all of them: an event as published
 * ({@link com.medsync.realtime.server.event.OutboundEvent}), with its offset in the event log
 * ({@link com.medsync.realtime.server.event.SequencedEvent}), and a packet ready for the wire
 * ({@link com.medsync.realtime.server.event.EncodedPacket}).
 */
package com.medsync.realtime.server.event;
