package dev.kiln.server.realtime.socketio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes Socket.IO frames straight onto a connection's WebSocket as Engine.IO message packets, bypassing
 * Engine.IO's per-packet buffering and events (which only matter to long-polling and transport upgrades).
 */
interface DirectFrameWriter {
    /** Writes Engine.IO messages (see {@link #engineMessage}), in order, one frame each; blocks until the socket took them. */
    void writeMessages(List<byte[]> engineMessagesUtf8) throws IOException;

    /** A Socket.IO frame as an Engine.IO v4 message over WebSocket: type digit 4, then the frame, in UTF-8. */
    static byte[] engineMessage(String socketIoFrame) {
        return ("4" + socketIoFrame).getBytes(StandardCharsets.UTF_8);
    }
}
