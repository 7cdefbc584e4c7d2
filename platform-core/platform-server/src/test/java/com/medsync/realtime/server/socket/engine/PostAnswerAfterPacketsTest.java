package com.medsync.realtime.server.socket.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.messages.XHRPostMessage;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The handler in a channel that does what netty-socketio's polling transport does with a POST: write the
 * answer, then read the packets, in one call on the event loop.
 */
class PostAnswerAfterPacketsTest {

    private final List<String> seen = new ArrayList<>();

    private EmbeddedChannel channelAnsweringPostsLikeNettySocketIo() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new PostAnswerAfterPackets(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if ("POST".equals(msg)) {
                    ctx.channel().writeAndFlush(new XHRPostMessage(null, UUID.randomUUID()));
                    ctx.pipeline().fireChannelRead("packets");
                } else {
                    seen.add(msg + " read, " + channel.outboundMessages().size() + " answer(s) written");
                }
            }
        });
        return channel;
    }

    @Test
    void theAnswerToAPostLeavesAfterItsPacketsWereRead() {
        EmbeddedChannel channel = channelAnsweringPostsLikeNettySocketIo();

        channel.writeInbound("POST");
        channel.runPendingTasks();

        assertThat(seen).containsExactly("packets read, 0 answer(s) written");
        assertThat((Object) channel.readOutbound()).isInstanceOf(XHRPostMessage.class);
    }

    @Test
    void everythingElseIsWrittenAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel(new PostAnswerAfterPackets());

        channel.writeAndFlush("a polling answer");

        assertThat((Object) channel.readOutbound()).isEqualTo("a polling answer");
    }
}
