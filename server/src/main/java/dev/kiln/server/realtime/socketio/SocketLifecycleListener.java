package dev.kiln.server.realtime.socketio;

/** Told when an authenticated socket connects or goes away. */
public interface SocketLifecycleListener {
    void onConnect(SocketConnection socket);

    void onDisconnect(SocketConnection socket);
}
