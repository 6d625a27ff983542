package dev.kiln.server.realtime.socketio;

import dev.kiln.server.realtime.LocalRooms;
import dev.kiln.server.realtime.RoomEvent;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO v5 server over Engine.IO: CONNECT with {@code auth} (refused with connect_error), events
 * with acks, rooms and local delivery of fan-out events. See docs/protocol.md for why this layer is ours.
 */
public final class SocketIoHub implements LocalRooms {
    private static final Logger log = LoggerFactory.getLogger(SocketIoHub.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(45);

    private final EngineIoServer engine;
    private final SocketAuthenticator authenticator;
    private final JsonMapper json;
    private final int maxPacketChars;
    private final Map<String, SocketConnection> sockets = new ConcurrentHashMap<>();
    private final Map<String, Set<SocketConnection>> rooms = new ConcurrentHashMap<>();
    private final Map<String, SocketEventHandler> handlers = new ConcurrentHashMap<>();
    private final List<SocketLifecycleListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Runs each connection's packets and writes (one at a time per connection): virtual threads, as handlers block
     * on the database and writes on the client. One is started for nearly every frame a room's fan-out writes, so
     * they are started directly, unnumbered and untracked (a thread-per-task executor's registry and numbered names
     * showed up in profiles); shutdown waits for handlers through {@code inFlight} instead.
     */
    private final ThreadFactory virtualThreads = Thread.ofVirtual().name("kiln-socket").factory();
    private final Executor eventThreads = task -> virtualThreads.newThread(task).start();
    private final SecureRandom random = new SecureRandom();
    private final Timer deliveryLatency;
    private final Counter eventsReceived;
    private final DistributionSummary framesPerWrite;
    private volatile boolean draining;

    public SocketIoHub(EngineIoServer engine, SocketAuthenticator authenticator, JsonMapper json, int maxPacketChars,
                       MeterRegistry metrics) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.json = json;
        this.maxPacketChars = maxPacketChars;
        Gauge.builder("kiln.sockets.connected", sockets, Map::size).description("open Socket.IO connections").register(metrics);
        this.deliveryLatency = Timer.builder("kiln.message.delivery.latency")
                .description("time from a message being stored to its new_message frame being handed to a socket")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics);
        this.eventsReceived = Counter.builder("kiln.socket.events").description("client events received").register(metrics);
        this.framesPerWrite = DistributionSummary.builder("kiln.socket.write.frames")
                .description("frames written to a WebSocket in one socket write: above 1 when a client's frames arrive faster than single writes")
                .register(metrics);
        engine.on("connection", args -> accept((EngineIoSocket) args[0]));
    }

    void recordFramesPerWrite(int frames) {
        framesPerWrite.record(frames);
    }

    public EngineIoServer engine() {
        return engine;
    }

    /** Registers the handler of one client event. */
    public void on(String event, SocketEventHandler handler) {
        if (handlers.putIfAbsent(event, handler) != null) throw new IllegalStateException("duplicate handler for " + event);
    }

    public void addListener(SocketLifecycleListener listener) {
        listeners.add(listener);
    }

    public int connectedCount() {
        return sockets.size();
    }

    public Collection<SocketConnection> sockets() {
        return sockets.values();
    }

    private void accept(EngineIoSocket engineSocket) {
        byte[] idBytes = new byte[15];
        random.nextBytes(idBytes);
        SocketConnection socket = new SocketConnection(Base64.getUrlEncoder().encodeToString(idBytes), engineSocket,
                EngineIoWebSocketEndpoint.handshakingWriter(), this, eventThreads);
        // Handled in arrival order, off the transport's thread and lock (see SocketConnection.dispatch).
        engineSocket.on("data", args -> {
            Object data = args[0];
            socket.dispatch(() -> {
                if (data instanceof String frame) onFrame(socket, frame);
                else socket.emit("error", errorBody("bad_request", "binary frames are not supported"));
            });
        });
        engineSocket.on("close", args -> {
            ClosedSocketTimers.cancel(engineSocket);
            socket.dispatch(() -> onClose(socket));
        });
        socket.connectTimeout(engine.getScheduledExecutor().schedule(() -> {
            if (socket.principal() == null) engineSocket.close();
        }, CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void onFrame(SocketConnection socket, String frame) {
        if (frame.length() > maxPacketChars) {
            // Too big to parse safely; without parsing we cannot know the ack id, so answer with an error event.
            socket.emit("error", errorBody("too_large", "packet exceeds " + maxPacketChars + " characters"));
            return;
        }
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.parse(frame);
        } catch (IllegalArgumentException e) {
            socket.emit("error", errorBody("bad_request", "malformed packet: " + e.getMessage()));
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> onConnect(socket, packet);
            case SocketIoPacket.EVENT -> onEvent(socket, packet);
            case SocketIoPacket.DISCONNECT -> disconnect(socket);
            default -> { /* client ACKs: the server never asks for one */ }
        }
    }

    private void onConnect(SocketConnection socket, SocketIoPacket packet) {
        if (!"/".equals(packet.namespace())) {
            socket.sendFrame(SocketIoPacket.encode(SocketIoPacket.CONNECT_ERROR, packet.namespace(), -1,
                    "{\"message\":\"Invalid namespace\"}"));
            return;
        }
        if (socket.principal() != null) return;
        if (draining) {
            socket.sendFrame(connectError("server is shutting down; reconnect"));
            return;
        }
        SocketPrincipal principal;
        try {
            JsonNode auth = packet.json() == null ? null : json.readTree(packet.json());
            principal = authenticator.authenticate(auth);
        } catch (SocketAuthenticator.Rejected e) {
            socket.sendFrame(connectError(e.getMessage()));
            return;
        } catch (JacksonException e) {
            socket.sendFrame(connectError("unauthorized: malformed auth payload"));
            return;
        }
        socket.markConnected(principal);
        sockets.put(socket.id(), socket);
        socket.sendFrame(SocketIoPacket.encode(SocketIoPacket.CONNECT, "/", -1, "{\"sid\":\"" + socket.id() + "\"}"));
        for (SocketLifecycleListener l : listeners) {
            try {
                l.onConnect(socket);
            } catch (RuntimeException e) {
                log.error("Socket connect listener failed", e);
            }
        }
    }

    private String connectError(String message) {
        ObjectNode body = json.createObjectNode().put("message", message);
        return SocketIoPacket.encode(SocketIoPacket.CONNECT_ERROR, "/", -1, json.writeValueAsString(body));
    }

    private void onEvent(SocketConnection socket, SocketIoPacket packet) {
        if (socket.principal() == null) return; // events before CONNECT are ignored, as Socket.IO does
        eventsReceived.increment();
        long ackId = packet.ackId();
        JsonNode args;
        try {
            args = packet.json() == null ? null : json.readTree(packet.json());
        } catch (JacksonException e) {
            reply(socket, ackId, "error", errorBody("bad_request", "event payload is not valid JSON"));
            return;
        }
        if (!(args instanceof ArrayNode array) || array.isEmpty() || !array.get(0).isString()) {
            reply(socket, ackId, "error", errorBody("bad_request", "an event must be [name, payload]"));
            return;
        }
        String event = array.get(0).asString();
        SocketEventHandler handler = handlers.get(event);
        if (handler == null) {
            reply(socket, ackId, "error", errorBody("bad_request", "unknown event '" + truncate(event) + "'"));
            return;
        }
        if (draining) {
            reply(socket, ackId, "error", errorBody("unavailable", "server is shutting down; reconnect and retry"));
            return;
        }
        JsonNode payload = array.size() > 1 ? array.get(1) : null;
        inFlight.incrementAndGet();
        try {
            Object result = handler.handle(socket, payload);
            if (ackId >= 0) sendAck(socket, ackId, result == null ? Map.of("ok", true) : result);
        } catch (ApiException e) {
            reply(socket, ackId, "error", errorBody(socketCode(e), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Socket event {} failed", event, e);
            reply(socket, ackId, "error", errorBody("internal", "unexpected server error; it has been logged"));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Answers through the ack when the client asked for one, otherwise with an {@code error} event. */
    private void reply(SocketConnection socket, long ackId, String event, Map<String, Object> error) {
        if (ackId >= 0) sendAck(socket, ackId, error);
        else socket.emit(event, error.get("error"));
    }

    private void sendAck(SocketConnection socket, long ackId, Object result) {
        socket.sendFrame(SocketIoPacket.encode(SocketIoPacket.ACK, "/", ackId, "[" + json.writeValueAsString(result) + "]"));
    }

    /**
     * The socket error code of a failure: REST's {@code validation_failed} (a 400 with field errors) is
     * {@code bad_request} here, so socket clients only meet the codes listed in docs/protocol.md.
     */
    private static String socketCode(ApiException e) {
        return "validation_failed".equals(e.code()) ? "bad_request" : e.code();
    }

    private static Map<String, Object> errorBody(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private static String truncate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private void disconnect(SocketConnection socket) {
        if (sockets.remove(socket.id()) == null) return;
        socket.clearRooms();
        for (SocketLifecycleListener l : listeners) {
            try {
                l.onDisconnect(socket);
            } catch (RuntimeException e) {
                log.error("Socket disconnect listener failed", e);
            }
        }
    }

    private void onClose(SocketConnection socket) {
        disconnect(socket);
    }

    String encodeEvent(String event, Object payload) {
        return encodeRawEvent(event, json.writeValueAsString(payload));
    }

    private String encodeRawEvent(String event, String payloadJson) {
        return SocketIoPacket.encode(SocketIoPacket.EVENT, "/", -1, "[" + json.writeValueAsString(event) + "," + payloadJson + "]");
    }

    /** The message id of a new_message frame, or {@link SocketConnection#NO_MESSAGE} for any other event. */
    long newMessageIdOf(String frame) {
        if (!frame.startsWith("2[\"new_message\",")) return SocketConnection.NO_MESSAGE;
        JsonNode node = json.readTree(frame.substring(1));
        String id = node.path(1).path("id").asString(null);
        return id == null ? SocketConnection.NO_MESSAGE : Ids.parse("id", id);
    }

    void addToRoom(String room, SocketConnection socket) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void removeFromRoom(String room, SocketConnection socket) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }

    /**
     * Sends an event to every socket connected to this node, encoded once. For state that belongs to this
     * node rather than to a room (its local AI model), so it deliberately does not go through the fan-out.
     */
    public void broadcast(String event, Object payload) {
        String frame = encodeEvent(event, payload);
        for (SocketConnection s : sockets.values()) s.sendFrame(frame);
    }

    /** Local sockets of one room (a snapshot). */
    public Set<SocketConnection> socketsIn(String room) {
        Set<SocketConnection> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    @Override
    public void deliver(RoomEvent event) {
        Set<SocketConnection> members = rooms.get(event.room());
        if (members == null || members.isEmpty()) return;
        switch (event.kind()) {
            case "emit" -> {
                // Encoded once (also as the bytes WebSocket-only members get), then the same frame goes to every member.
                String frame = encodeRawEvent(event.event(), event.json());
                byte[] engineMessage = DirectFrameWriter.engineMessage(frame);
                long messageId = "new_message".equals(event.event()) ? newMessageIdOf(frame) : SocketConnection.NO_MESSAGE;
                Long except = event.exceptUserId();
                for (SocketConnection s : members) {
                    SocketPrincipal who = s.principal();
                    if (except == null || who == null || who.userId() != except) s.deliver(event.room(), frame, engineMessage, messageId);
                }
                if ("new_message".equals(event.event())) {
                    deliveryLatency.record(Math.max(0, System.currentTimeMillis() - event.publishedAtMillis()), TimeUnit.MILLISECONDS);
                }
            }
            case "subscribe" -> members.forEach(s -> s.join(event.target()));
            case "unsubscribe" -> members.forEach(s -> s.leave(event.target()));
            default -> log.warn("Unknown fan-out event kind {}", event.kind());
        }
    }

    /**
     * Graceful shutdown: refuse new events, let running handlers finish (so acknowledged sends are stored),
     * then tell every client to reconnect and close the connections.
     */
    public void drain(Duration maxWait) {
        draining = true;
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SocketConnection s : sockets.values()) {
            s.emit("server_shutdown", Map.of("reconnectAfterMs", 1000));
        }
        for (SocketConnection s : sockets.values()) s.close();
        long flushDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < flushDeadline && !sockets.values().stream().allMatch(SocketConnection::flushed)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
