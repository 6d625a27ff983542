package dev.kiln.server.realtime.socketio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes Socket.IO frames straight onto a connection's WebSocket as Engine.IO message packets, bypassing
 * Engine.IO's per-packet buffering and events (which only matter to long-polling and transport upgrades).
 */
interface DirectFrameWriter {
    /** Writes one Engine.IO message (see {@link #engineMessage}); blocks until the socket took it. */
    void writeMessage(byte[] engineMessageUtf8) throws IOException;

    /** A Socket.IO frame as an Engine.IO v4 message over WebSocket: type digit 4, then the frame, in UTF-8. */
    static byte[] engineMessage(String socketIoFrame) {
        return ("4" + socketIoFrame).getBytes(StandardCharsets.UTF_8);
    }
}
