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

    public EngineIoWebSocketHandler(EngineIoServer engine, int sendBufferLimit) {
        this.engine = engine;
        this.sendBufferLimit = sendBufferLimit;
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

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        adapter(session).emit("message", message.getPayload());
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
