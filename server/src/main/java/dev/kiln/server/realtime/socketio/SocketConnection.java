package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.engineio.server.parser.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connected to the default namespace over one Engine.IO connection. Holds the rooms it is
 * subscribed to and, while a {@code join_conversation} replay runs, buffers that room's live events so the
 * client gets every message once and in order.
 */
public final class SocketConnection {
    private final String id;
    private final EngineIoSocket engine;
    private final SocketIoHub hub;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> replayBuffers = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile SocketPrincipal principal;

    SocketConnection(String id, EngineIoSocket engine, SocketIoHub hub) {
        this.id = id;
        this.engine = engine;
        this.hub = hub;
    }

    public String id() {
        return id;
    }

    public SocketPrincipal principal() {
        return principal;
    }

    public boolean isConnected() {
        return principal != null && engine.getReadyState() == ReadyState.OPEN;
    }

    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public void join(String room) {
        if (rooms.add(room)) hub.addToRoom(room, this);
    }

    public void leave(String room) {
        if (rooms.remove(room)) hub.removeFromRoom(room, this);
    }

    /** Sends an event to this socket only. */
    public void emit(String event, Object payload) {
        sendFrame(hub.encodeEvent(event, payload));
    }

    /** Holds this room's live events back until {@link #endReplay} (see class comment). */
    public void beginReplay(String room) {
        replayBuffers.putIfAbsent(room, new ArrayList<>());
        join(room);
    }

    /** Sends the events held back during replay, skipping messages the replay already delivered. */
    public void endReplay(String room, Set<String> replayedMessageIds) {
        List<String> buffered;
        synchronized (this) {
            buffered = replayBuffers.remove(room);
        }
        if (buffered == null) return;
        for (String frame : buffered) {
            String messageId = hub.newMessageIdOf(frame);
            if (messageId == null || !replayedMessageIds.contains(messageId)) sendFrame(frame);
        }
    }

    void deliver(String room, String frame) {
        if (!replayBuffers.isEmpty()) {
            synchronized (this) {
                List<String> buffer = replayBuffers.get(room);
                if (buffer != null) {
                    buffer.add(frame);
                    return;
                }
            }
        }
        sendFrame(frame);
    }

    void sendFrame(String frame) {
        if (engine.getReadyState() == ReadyState.OPEN) engine.send(new Packet<>(Packet.MESSAGE, frame));
    }

    void markConnected(SocketPrincipal principal) {
        this.principal = principal;
    }

    void clearRooms() {
        for (String room : rooms) hub.removeFromRoom(room, this);
        rooms.clear();
        replayBuffers.clear();
    }

    EngineIoSocket engine() {
        return engine;
    }

    /** Asks the client to reconnect elsewhere (used on shutdown). */
    public void close() {
        engine.close();
    }
}
