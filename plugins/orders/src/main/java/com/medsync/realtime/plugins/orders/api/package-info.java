/**
 * What the orders plugin offers other plugins: the {@link com.medsync.realtime.plugins.orders.api.OrderDirectory}
 * extension point. Dependent plugins compile against this package only.
 */
package com.medsync.realtime.plugins.orders.api;
