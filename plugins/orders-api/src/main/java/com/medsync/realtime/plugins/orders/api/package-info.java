/**
 * What the orders plugin offers other plugins: the {@link com.medsync.realtime.plugins.orders.api.OrderDirectory}
 * extension point. Dependent plugins compile against this package only: the artifact
 * {@code com.medsync.realtime:medsync-orders-api}, scope {@code provided}. At run time these classes come from
 * the orders plugin's jar, which carries them.
 */
package com.medsync.realtime.plugins.orders.api;
