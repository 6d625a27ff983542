package dev.kiln.server.realtime.socketio;

import java.io.IOException;

/**
 * Writes Socket.IO frames straight onto a connection's WebSocket as Engine.IO message packets, bypassing
 * Engine.IO's per-packet buffering and events (which only matter to long-polling and transport upgrades).
 */
interface DirectFrameWriter {
    /** Writes one Socket.IO frame as an Engine.IO message ("4" + frame); blocks until the socket took it. */
    void writeMessage(String socketIoFrame) throws IOException;
}
