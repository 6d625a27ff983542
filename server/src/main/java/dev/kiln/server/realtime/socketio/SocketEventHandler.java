package dev.kiln.server.realtime.socketio;

import tools.jackson.databind.JsonNode;

/** Handles one client event; the returned value (if the client asked for an ack) is sent back as the ack. */
@FunctionalInterface
public interface SocketEventHandler {
    Object handle(SocketConnection socket, JsonNode payload);
}
