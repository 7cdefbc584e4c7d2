/**
 * The orders plugin: owns {@code order:new} and {@code order:updated}, remembers each order's pharmacy and
 * patient, and serves them to other plugins through {@link com.medsync.realtime.plugins.orders.api.OrderDirectory}.
 */
package com.medsync.realtime.plugins.orders;
