/**
 * Storage the platform lends to plugins.
 */
package com.medsync.realtime.spi.store;
