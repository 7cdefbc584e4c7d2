/**
 * The dispatch plugin: owns {@code dispatch:updated}, lets an order's patient and pharmacy join its dispatch
 * rooms, and turns delivery providers' webhooks and status polls into {@code dispatch:updated} events.
 * Providers plug in through {@link com.medsync.realtime.plugins.dispatch.api.DeliveryProvider}.
 */
package com.medsync.realtime.plugins.dispatch;
