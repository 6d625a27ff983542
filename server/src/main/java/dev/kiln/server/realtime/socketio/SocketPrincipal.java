package dev.kiln.server.realtime.socketio;

/** Who is on the other end of a socket. */
public record SocketPrincipal(long userId, String username) {
}
