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
 * as the single hottest method (~1 µs per 400-character frame, against ~50 ns for {@code String.getBytes}), and a
 * room's frame can be encoded once for all its members.
 * Tomcat's package-private {@code sendMessageBlock(opcode, payload, last)} writes a ready payload as one frame,
 * under the same per-connection semaphore as every other write. It is a compile-time dependency on Tomcat's
 * internals: an upgrade that changes it breaks the build, not the server. Callers serialise their writes (the
 * Engine.IO transport holds a lock), which is what Tomcat's text-message state machine would otherwise check.
 */
public final class PreEncodedTextFrames {
    private PreEncodedTextFrames() {}

    /** Writes {@code utf8} (valid UTF-8, e.g. from {@code String.getBytes(UTF_8)}) as one text frame. */
    public static void send(RemoteEndpoint.Basic remote, byte[] utf8) throws IOException {
        if (remote instanceof WsRemoteEndpointBase endpoint) {
            endpoint.base.sendMessageBlock(Constants.OPCODE_TEXT, ByteBuffer.wrap(utf8), true);
        } else {
            remote.sendText(new String(utf8, StandardCharsets.UTF_8));
        }
    }
}
