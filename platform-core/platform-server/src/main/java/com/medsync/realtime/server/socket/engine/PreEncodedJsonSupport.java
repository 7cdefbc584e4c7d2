package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.JsonSupport;

import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.util.List;

/**
 * netty-socketio's JSON support with one shortcut: a packet whose values end in {@link EncodedArguments} is
 * written as those bytes, already encoded once for all of its recipients. So a broadcast to a room costs one
 * serialization, not one per socket; everything else goes to the wrapped support unchanged.
 */
public final class PreEncodedJsonSupport implements JsonSupport {

    /** Set while the last packet this thread wrote was pre-encoded: it has no binary attachments. */
    private static final ThreadLocal<Boolean> WROTE_ENCODED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final JsonSupport delegate;

    public PreEncodedJsonSupport(JsonSupport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
        if (value instanceof List<?> values && !values.isEmpty()
                && values.get(values.size() - 1) instanceof EncodedArguments encoded) {
            WROTE_ENCODED.set(Boolean.TRUE);
            out.write(encoded.json());
            return;
        }
        WROTE_ENCODED.set(Boolean.FALSE);
        delegate.writeValue(out, value);
    }

    @Override
    public List<byte[]> getArrays() {
        // The wrapped support keeps the byte arrays of the last value it wrote; a pre-encoded packet has none.
        return WROTE_ENCODED.get() ? List.of() : delegate.getArrays();
    }

    @Override
    public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback) throws IOException {
        return delegate.readAckArgs(src, callback);
    }

    @Override
    public <T> T readValue(String namespaceName, ByteBufInputStream src, Class<T> valueType) throws IOException {
        return delegate.readValue(namespaceName, src, valueType);
    }

    @Override
    public void addEventMapping(String namespaceName, String eventName, Class<?>... eventClass) {
        delegate.addEventMapping(namespaceName, eventName, eventClass);
    }

    @Override
    public void removeEventMapping(String namespaceName, String eventName) {
        delegate.removeEventMapping(namespaceName, eventName);
    }
}
