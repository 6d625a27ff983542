package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.tomcat.websocket.PreEncodedTextFrames;

/**
 * Engine.IO's WebSocket transport on the container's own (Jakarta) WebSocket API, one instance per connection.
 * It sits directly on Tomcat's session rather than behind Spring's WebSocket handler and session decorator:
 * those keep a copy of the handshake headers, an attribute map, a message queue and two locks for every
 * socket, which for mostly idle chat connections is a large share of their memory, and every frame sent
 * paid for the extra hand-offs. Frames arrive in parts, so the container needs only a small buffer per
 * connection; parts are joined here up to the packet limit (see {@link #onText}).
 */
public final class EngineIoWebSocketEndpoint extends Endpoint {
    /** How long one blocking write may wait for a client that does not read before the connection is dropped. */
    private static final long SEND_TIMEOUT_MS = 10_000;
    /**
     * The transport of a WebSocket-only connection while Engine.IO's handshake for it runs on this thread: Engine.IO
     * announces the new socket synchronously inside {@code handleWebSocket}, and the hub picks the writer up there.
     */
    private static final ThreadLocal<Transport> HANDSHAKING = new ThreadLocal<>();

    private final EngineIoServer engine;
    private final int maxPacketChars;
    private Transport transport;

    private EngineIoWebSocketEndpoint(EngineIoServer engine, int maxPacketChars) {
        this.engine = engine;
        this.maxPacketChars = maxPacketChars;
    }

    /**
     * Upgrades an HTTP request on /socket.io/ to this endpoint. The configuration declines every extension
     * offer, permessage-deflate included, as the Node.js socket.io server does by default: chat frames are
     * small, and a compressor per connection costs memory (a Deflater and Inflater with their buffers for
     * every socket) and CPU for every frame sent to every recipient.
     */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, EngineIoServer engine,
                               int maxPacketChars) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) throw new IllegalStateException("no WebSocket container in this servlet context");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(EngineIoWebSocketEndpoint.class, "/socket.io/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) new EngineIoWebSocketEndpoint(engine, maxPacketChars);
                    }

                    @Override
                    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                        return List.of();
                    }

                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IOException("WebSocket upgrade failed", e);
        }
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", SEND_TIMEOUT_MS);
        transport = new Transport(session);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
        // Kiln's protocol has no binary frames: the hub answers one with an error, so its bytes are not kept.
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            if (last) transport.emit("message", (Object) new byte[0]);
        });
        // Only a connection that opened as a WebSocket (no Engine.IO session id yet) is written directly: one that
        // upgrades from long-polling keeps going through Engine.IO, which orders frames around the upgrade.
        boolean webSocketOnly = !transport.getQuery().containsKey("sid");
        if (webSocketOnly) HANDSHAKING.set(transport);
        try {
            engine.handleWebSocket(transport);
        } finally {
            HANDSHAKING.remove();
        }
    }

    /** The direct writer of the WebSocket-only connection whose handshake runs on this thread, else null. */
    static DirectFrameWriter handshakingWriter() {
        return HANDSHAKING.get();
    }

    /**
     * Joins the parts of one text frame. A packet over the limit is dropped and answered, through its ack when
     * it has one, with {@code too_large}; the connection stays open.
     */
    private void onText(String part, boolean last) {
        Transport t = transport;
        if (last && t.pending == null && !t.oversized) {
            t.emit("message", part);
            return;
        }
        if (!t.oversized) {
            if (t.pending == null) t.pending = new StringBuilder(part.length() * 2);
            if (t.pending.length() + part.length() > maxPacketChars) {
                t.oversizedHead = t.pending.length() > 0 ? t.pending.substring(0, Math.min(64, t.pending.length())) : part;
                t.oversized = true;
                t.pending = null;
            } else {
                t.pending.append(part);
            }
        }
        if (!last) return;
        if (t.oversized) {
            t.oversized = false;
            t.rejectOversized(maxPacketChars);
        } else {
            String whole = t.pending.toString();
            t.pending = null;
            t.emit("message", whole);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (transport != null) transport.emit("close");
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (transport != null) transport.emit("error", "transport error", String.valueOf(error.getMessage()));
    }

    /** What Engine.IO sees of one WebSocket: its handshake and a way to write frames. */
    private static final class Transport extends EngineIoWebSocket implements DirectFrameWriter {
        private final Session session;
        private final Map<String, String> query;
        /** Engine.IO's pings and this connection's outbox write from different threads; Tomcat allows one writer at a time. */
        private final ReentrantLock writing = new ReentrantLock();
        /** Parts of the text frame being received, and whether it already went over the limit. */
        private StringBuilder pending;
        private boolean oversized;
        private String oversizedHead = "";

        Transport(Session session) {
            this.session = session;
            this.query = ParseQS.decode(session.getQueryString());
        }

        @Override
        public Map<String, String> getQuery() {
            return query;
        }

        @Override
        public Map<String, List<String>> getConnectionHeaders() {
            // Engine.IO only keeps them for getInitialHeaders(), which Kiln never reads (sockets authenticate with
            // the token in CONNECT, not with cookies or headers), so no copy is held per connection.
            return Map.of();
        }

        @Override
        public void write(String message) throws IOException {
            writeText(message.getBytes(StandardCharsets.UTF_8));
        }

        private void writeText(byte[] utf8) throws IOException {
            writeTexts(List.of(utf8));
        }

        private void writeTexts(List<byte[]> utf8Frames) throws IOException {
            writing.lock();
            try {
                if (session.isOpen()) PreEncodedTextFrames.sendAll(session.getBasicRemote(), utf8Frames, SEND_TIMEOUT_MS);
            } catch (IOException | IllegalStateException e) {
                close(); // a client that stopped reading (send timeout) or vanished
                throw e instanceof IOException io ? io : new IOException(e);
            } finally {
                writing.unlock();
            }
        }

        @Override
        public void writeMessages(List<byte[]> engineMessagesUtf8) throws IOException {
            writeTexts(engineMessagesUtf8);
        }

        @Override
        public void write(byte[] message) throws IOException {
            writing.lock();
            try {
                if (session.isOpen()) session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
            } finally {
                writing.unlock();
            }
        }

        void rejectOversized(int limit) {
            long ackId = SocketIoPacket.ackIdOfEngineMessage(oversizedHead);
            String error = "{\"error\":{\"code\":\"too_large\",\"message\":\"packet exceeds " + limit + " characters\"}}";
            String frame = ackId >= 0
                    ? "4" + SocketIoPacket.encode(SocketIoPacket.ACK, "/", ackId, "[" + error + "]")
                    : "4" + SocketIoPacket.encode(SocketIoPacket.EVENT, "/", -1, "[\"error\"," + error.substring(9, error.length() - 1) + "]");
            oversizedHead = "";
            writeQuietly(frame);
        }

        private void writeQuietly(String frame) {
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
