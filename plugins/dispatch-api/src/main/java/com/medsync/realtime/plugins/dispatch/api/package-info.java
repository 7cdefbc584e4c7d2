/**
 * The delivery-provider extension point of the dispatch plugin: what a third-party provider plugin (Kwik, ...)
 * compiles against, and nothing else. It is the artifact {@code com.medsync.realtime:medsync-dispatch-api}
 * (scope {@code provided}); at run time these classes come from the dispatch plugin's jar, which carries them.
 *
 * <p>A provider plugin declares {@code Plugin-Dependencies: dispatch@>=1.0.0} and an {@code @Extension}
 * implementing {@link com.medsync.realtime.plugins.dispatch.api.DeliveryProvider}. The dispatch plugin turns what
 * the provider reports into {@code dispatch:updated} events, emitted only when a dispatch's status changes.
 */
package com.medsync.realtime.plugins.dispatch.api;
