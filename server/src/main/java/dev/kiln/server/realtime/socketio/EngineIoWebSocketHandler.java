package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** Bridges Spring's WebSocket sessions to Engine.IO's transport abstraction. */
public class EngineIoWebSocketHandler extends AbstractWebSocketHandler {
    private static final String ADAPTER = "kiln.engineio.adapter";
    private final EngineIoServer engine;
    private final int sendBufferLimit;
    private final int maxPacketChars;

    public EngineIoWebSocketHandler(EngineIoServer engine, int sendBufferLimit, int maxPacketChars) {
        this.engine = engine;
        this.sendBufferLimit = sendBufferLimit;
        this.maxPacketChars = maxPacketChars;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // Sends may come from many threads (fan-out); the decorator serialises them and drops a client
        // that falls too far behind instead of letting its backlog grow without bound.
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 10_000, sendBufferLimit,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Adapter adapter = new Adapter(safe);
        session.getAttributes().put(ADAPTER, adapter);
        engine.handleWebSocket(adapter);
    }

    /**
     * Frames arrive in parts, so the container needs only a small buffer per connection (a whole-message
     * buffer of the packet limit would cost megabytes per idle socket); parts are joined here up to the
     * packet limit. A bigger packet is dropped and answered, through its ack when it has one, with
     * {@code too_large}; the connection stays open.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Adapter a = adapter(session);
        String part = message.getPayload();
        if (message.isLast() && a.pending == null && !a.oversized) {
            a.emit("message", part);
            return;
        }
        if (!a.oversized) {
            if (a.pending == null) a.pending = new StringBuilder(part.length() * 2);
            if (a.pending.length() + part.length() > maxPacketChars) {
                a.oversizedHead = a.pending.length() > 0 ? a.pending.substring(0, Math.min(64, a.pending.length())) : part;
                a.oversized = true;
                a.pending = null;
            } else {
                a.pending.append(part);
            }
        }
        if (!message.isLast()) return;
        if (a.oversized) {
            a.oversized = false;
            a.rejectOversized(maxPacketChars);
        } else {
            String whole = a.pending.toString();
            a.pending = null;
            a.emit("message", whole);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        byte[] bytes = new byte[message.getPayloadLength()];
        message.getPayload().get(bytes);
        adapter(session).emit("message", (Object) bytes);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Adapter a = (Adapter) session.getAttributes().get(ADAPTER);
        if (a != null) a.emit("error", "transport error", String.valueOf(exception.getMessage()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Adapter a = (Adapter) session.getAttributes().remove(ADAPTER);
        if (a != null) a.emit("close");
    }

    private static Adapter adapter(WebSocketSession session) {
        return (Adapter) session.getAttributes().get(ADAPTER);
    }

    private static final class Adapter extends EngineIoWebSocket {
        private final WebSocketSession session;
        /** Parts of the text message being received, and whether it already went over the limit. */
        private StringBuilder pending;
        private boolean oversized;
        private String oversizedHead = "";
        private final Map<String, String> query;
        private final Map<String, List<String>> headers;

        Adapter(WebSocketSession session) {
            this.session = session;
            this.query = ParseQS.decode(session.getUri() == null ? null : session.getUri().getRawQuery());
            this.headers = session.getHandshakeHeaders().headerSet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        }

        @Override
        public Map<String, String> getQuery() {
            return query;
        }

        @Override
        public Map<String, List<String>> getConnectionHeaders() {
            return headers;
        }

        @Override
        public void write(String message) throws IOException {
            if (session.isOpen()) session.sendMessage(new TextMessage(message));
        }

        @Override
        public void write(byte[] message) throws IOException {
            if (session.isOpen()) session.sendMessage(new BinaryMessage(message));
        }

        void rejectOversized(int limit) {
            long ackId = SocketIoPacket.ackIdOfEngineMessage(oversizedHead);
            String error = "{\"error\":{\"code\":\"too_large\",\"message\":\"packet exceeds " + limit + " characters\"}}";
            String frame = ackId >= 0
                    ? "4" + SocketIoPacket.encode(SocketIoPacket.ACK, "/", ackId, "[" + error + "]")
                    : "4" + SocketIoPacket.encode(SocketIoPacket.EVENT, "/", -1, "[\"error\"," + error.substring(9, error.length() - 1) + "]");
            oversizedHead = "";
            try {
                write(frame);
            } catch (IOException ignored) {
                // the client is gone
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException ignored) {
                // already closing
            }
        }
    }
}
