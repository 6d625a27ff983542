package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends a WebSocket text frame whose UTF-8 bytes are already encoded, on Tomcat's blocking remote endpoint.
 *
 * <p>Why this lives in Tomcat's package: the Jakarta WebSocket API only takes text as a {@code String}, which
 * Tomcat encodes with its own character-at-a-time UTF-8 encoder, for every recipient of a chat message. A
 * room's fan-out writes the same frame to every member, and profiles of the chat benchmark showed that encoder
 * as the single hottest method (~1 µs per 400-character frame, against ~50 ns for {@code String.getBytes}).
 * Tomcat's package-private {@code sendMessageBlock(opcode, payload, last)} writes a ready payload as one frame,
 * under the same per-connection semaphore as every other write. It is a compile-time dependency on Tomcat's
 * internals: an upgrade that changes it breaks the build, not the server. Callers serialise their writes (the
 * Engine.IO transport holds a lock), which is what Tomcat's text-message state machine would otherwise check.
 */
public final class PreEncodedTextFrames {
    private PreEncodedTextFrames() {}

    /** Writes {@code text} as one text frame, encoding it with the JDK's (vectorised) UTF-8 encoder. */
    public static void send(RemoteEndpoint.Basic remote, String text) throws IOException {
        if (remote instanceof WsRemoteEndpointBase endpoint) {
            endpoint.base.sendMessageBlock(Constants.OPCODE_TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true);
        } else {
            remote.sendText(text);
        }
    }
}
