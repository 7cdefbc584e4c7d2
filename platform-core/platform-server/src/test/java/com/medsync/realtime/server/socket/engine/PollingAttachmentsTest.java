package com.medsync.realtime.server.socket.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.CharsetUtil;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollingAttachmentsTest {

    @Test
    void engineIo3AttachmentsBecomeBase64PacketsAndTheLengthFollows() {
        EmbeddedChannel channel = new EmbeddedChannel(new PollingAttachments());
        ByteBuf payload = Unpooled.buffer();
        payload.writeCharSequence("42[\"a\"]\u001e451-[\"b\",{\"_placeholder\":true,\"num\":0}]", CharsetUtil.UTF_8);
        // netty-socketio's framing of the attachment {1, 2, 3}: 0x01, length 4 as digit bytes, 0xff, 4, bytes.
        payload.writeBytes(new byte[] {0x01, 4, (byte) 0xff, 4, 1, 2, 3});
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(head, payload.readableBytes());

        channel.writeOutbound(head, new DefaultHttpContent(payload), LastHttpContent.EMPTY_LAST_CONTENT);

        HttpResponse written = channel.readOutbound();
        HttpContent content = channel.readOutbound();
        String body = content.content().toString(CharsetUtil.UTF_8);
        assertThat(body).isEqualTo("42[\"a\"]\u001e451-[\"b\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID");
        assertThat(written.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length());
        assertThat((Object) channel.readOutbound()).isEqualTo(LastHttpContent.EMPTY_LAST_CONTENT);
        content.release();
    }

    @Test
    void payloadsWithoutAttachmentsPassUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new PollingAttachments());
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(head, 2);
        DefaultHttpContent content = new DefaultHttpContent(Unpooled.copiedBuffer("40", CharsetUtil.UTF_8));

        channel.writeOutbound(head, content, LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat((Object) channel.readOutbound()).isSameAs(head);
        assertThat((Object) channel.readOutbound()).isSameAs(content);
        content.release();
    }
}
