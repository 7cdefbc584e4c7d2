package com.medsync.realtime.plugins.chat;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import org.pf4j.Extension;

import java.time.Clock;

/**
 * The chat feature: wires the message contract, the chat room commands and the typing indicators into the
 * platform. Everything it registers goes through the {@link FeatureContext}, so the platform removes it all
 * when the plugin stops.
 */
@Extension
public final class ChatFeature implements MedsyncFeature {

    /** The typing indicators of the running feature; null while stopped. */
    private TypingIndicators typing;

    @Override
    public void start(FeatureContext context) {
        // Read the settings first: a bad setting fails the start before anything is registered.
        ChatSettings settings = ChatSettings.from(context.config());
        TypingIndicators indicators = new TypingIndicators(context.scheduler(), settings, Clock.systemUTC());
        ChatRoomCommands rooms = new ChatRoomCommands(indicators);

        context.ownEvent(new ChatMessageContract());
        context.handleClientEvent(ChatRoomCommands.JOIN, rooms::join);
        context.handleClientEvent(ChatRoomCommands.LEAVE, rooms::leave);
        context.handleClientEvent(TypingIndicators.EVENT, indicators);
        context.addSocketListener(indicators);
        this.typing = indicators;
    }

    @Override
    public void stop() {
        TypingIndicators indicators = typing;
        typing = null;
        if (indicators != null) {
            // Nobody will time these out any more (the platform cancelled our timers): clear them now, or the
            // others would show "typing..." until they reload.
            indicators.clearAll();
        }
    }
}
