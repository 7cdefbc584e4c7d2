/**
 * Rooms and the deny-by-default room-policy chain.
 */
package com.medsync.realtime.spi.room;
