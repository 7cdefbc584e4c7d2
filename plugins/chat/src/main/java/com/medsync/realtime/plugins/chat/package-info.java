/**
 * The chat plugin ({@code Plugin-Id: chat}): owns {@code chat:message} on the publish API, handles the client
 * events {@code chat:join}, {@code chat:leave} and {@code chat:typing}, and relays typing indicators to the
 * other members of a chat room.
 *
 * <p>Settings, under {@code medsync.plugin-config.chat}: {@code typing-throttle} (default {@code 1s}) and
 * {@code typing-timeout} (default {@code 5s}); see {@link com.medsync.realtime.plugins.chat.ChatSettings}.
 */
package com.medsync.realtime.plugins.chat;
