package dev.kiln.server.realtime.socketio;

import tools.jackson.databind.JsonNode;

/** Decides, from the CONNECT packet's {@code auth} object, who a socket belongs to. */
public interface SocketAuthenticator {

    /** Returns the principal, or throws {@link Rejected} whose message the client sees in connect_error. */
    SocketPrincipal authenticate(JsonNode auth);

    /** A refused handshake. */
    class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }
}
