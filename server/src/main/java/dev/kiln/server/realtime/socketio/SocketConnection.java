package dev.kiln.server.realtime.socketio;

import dev.kiln.server.shared.Ids;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.engineio.server.parser.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connected to the default namespace over one Engine.IO connection. Holds the rooms it is
 * subscribed to and, while a {@code join_conversation} replay runs, buffers that room's live events so the
 * client gets every message once and in order.
 */
public final class SocketConnection {
    /** The message id of a frame that carries no new_message. */
    static final long NO_MESSAGE = 0;
    private static final Logger log = LoggerFactory.getLogger(SocketConnection.class);
    /** How many recently sent new_message ids per room are remembered, so neither replay nor live sends one twice. */
    private static final int SENT_IDS_PER_ROOM = 256;
    /** Frames a client may lag behind before it is disconnected (a slow or stuck reader). */
    static final int MAX_QUEUED_FRAMES = 10_000;

    private final String id;
    private final EngineIoSocket engine;
    /** Frames written straight to a WebSocket-only connection; null for long-polling (and upgraded) ones. */
    private final DirectFrameQueue direct;
    private final SocketIoHub hub;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> replayBuffers = new ConcurrentHashMap<>();
    private final Map<String, SentMessageIds> sentMessageIds = new ConcurrentHashMap<>();
    private final SerialQueue inbox;
    private final SerialQueue outbox;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private volatile SocketPrincipal principal;
    /** Closes the connection if it never sends CONNECT; cancelled on CONNECT so idle sockets hold no timer for it. */
    private volatile ScheduledFuture<?> connectTimeout;

    SocketConnection(String id, EngineIoSocket engine, DirectFrameWriter direct, SocketIoHub hub, Executor executor) {
        this.id = id;
        this.engine = engine;
        this.hub = hub;
        this.inbox = new SerialQueue(executor, e -> log.error("Socket {} packet handling failed", id, e));
        this.outbox = new SerialQueue(executor, e -> log.warn("Socket {} write failed: {}", id, e.getMessage()));
        this.direct = direct == null ? null : new DirectFrameQueue(outbox, direct, () -> engine.getReadyState() == ReadyState.OPEN, n -> {
            queuedFrames.addAndGet(-n);
            hub.recordFramesPerWrite(n);
        });
    }

    /**
     * Runs the work of one incoming packet (or the close) after everything this connection received before,
     * on a thread of its own. Engine.IO's polling transport calls us while holding the connection's lock;
     * handling an event there (a send fans out to other connections, each taking its own lock) could
     * deadlock two polling clients that send at the same moment.
     */
    void dispatch(Runnable work) {
        inbox.submit(work);
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

    /**
     * Records that this connection is being sent the message (by a replay); false when it already was (live or
     * by a replay), so the caller skips it. Together with the check of live events in {@link #deliver} this makes
     * delivery once-only even when a live event arrives after the replay that already carried it.
     */
    public boolean markSent(String room, String messageId) {
        return sentIds(room).add(Ids.parse("messageId", messageId), true);
    }

    private SentMessageIds sentIds(String room) {
        SentMessageIds ids = sentMessageIds.get(room); // every delivery comes here: a plain read, not a locking compute
        return ids != null ? ids : sentMessageIds.computeIfAbsent(room, r -> new SentMessageIds());
    }

    /**
     * Sends the events held back during replay, skipping messages already sent. Events that arrive while the
     * buffer is being flushed join its end, so the room's events keep their order.
     */
    public void endReplay(String room) {
        for (;;) {
            List<String> batch;
            synchronized (this) {
                List<String> buffered = replayBuffers.get(room);
                if (buffered == null) return;
                if (buffered.isEmpty()) {
                    replayBuffers.remove(room);
                    return;
                }
                batch = new ArrayList<>(buffered);
                buffered.clear();
            }
            for (String frame : batch) {
                long messageId = hub.newMessageIdOf(frame);
                if (messageId == NO_MESSAGE || sentIds(room).add(messageId, true)) sendFrame(frame);
            }
        }
    }

    /**
     * Sends one frame of a room's fan-out. {@code engineMessage} is the frame as an Engine.IO message in UTF-8,
     * encoded once for the whole room; {@code newMessageId} is the id of the new_message it carries, or
     * {@link #NO_MESSAGE}.
     */
    void deliver(String room, String frame, byte[] engineMessage, long newMessageId) {
        if (!replayBuffers.isEmpty()) {
            synchronized (this) {
                List<String> buffer = replayBuffers.get(room);
                if (buffer != null) {
                    buffer.add(frame);
                    return;
                }
            }
        }
        if (newMessageId == NO_MESSAGE || sentIds(room).add(newMessageId, false)) sendFrame(frame, engineMessage);
    }

    /**
     * Queues a frame for this client. The caller (often a sender fanning out to a whole room) never waits for
     * this client's transport: each connection's frames are written in order by a thread of its own, so one
     * slow reader cannot hold up a room. A client that falls {@value #MAX_QUEUED_FRAMES} frames behind is
     * disconnected; it recovers what it missed with join_conversation {since}.
     */
    void sendFrame(String frame) {
        sendFrame(frame, null);
    }

    /** {@link #sendFrame(String)} with the frame's Engine.IO message bytes when the caller already has them. */
    private void sendFrame(String frame, byte[] engineMessage) {
        if (engine.getReadyState() != ReadyState.OPEN) return;
        if (queuedFrames.incrementAndGet() > MAX_QUEUED_FRAMES) {
            queuedFrames.decrementAndGet();
            log.warn("Socket {} fell {} frames behind; disconnecting it", id, MAX_QUEUED_FRAMES);
            engine.close();
            return;
        }
        if (direct == null) {
            outbox.submit(() -> {
                queuedFrames.decrementAndGet();
                if (engine.getReadyState() == ReadyState.OPEN) engine.send(new Packet<>(Packet.MESSAGE, frame));
            });
            return;
        }
        direct.add(engineMessage != null ? engineMessage : DirectFrameWriter.engineMessage(frame));
    }

    /** True when every queued frame (and a queued close) has been handed to the transport. */
    boolean flushed() {
        return outbox.isIdle();
    }

    void connectTimeout(ScheduledFuture<?> timeout) {
        this.connectTimeout = timeout;
    }

    void markConnected(SocketPrincipal principal) {
        this.principal = principal;
        ScheduledFuture<?> timeout = connectTimeout;
        if (timeout != null) timeout.cancel(false);
        connectTimeout = null;
    }

    void clearRooms() {
        for (String room : rooms) hub.removeFromRoom(room, this);
        rooms.clear();
        replayBuffers.clear();
        sentMessageIds.clear();
    }

    /**
     * The most recent message ids sent in one room, bounded (late duplicates only concern recent messages): a
     * ring of longs rather than a set of strings, as every live delivery records its id here.
     */
    private static final class SentMessageIds {
        private final long[] ids = new long[SENT_IDS_PER_ROOM];
        private int next;
        private int size;
        /** The highest id a replay (or its held-back live events) sent; ids are time-ordered TSIDs. */
        private long replayedUpTo = Long.MIN_VALUE;

        /**
         * Records the id; false (and nothing recorded) when it is already there. Replays ({@code replay} true)
         * always look. A live event only needs to when its id is not above what a replay sent: a message stored
         * before a replay read it may still be on its way through the fan-out when the replay ends, while one
         * with a higher id cannot have been replayed.
         */
        synchronized boolean add(long id, boolean replay) {
            if ((replay || id <= replayedUpTo) && contains(id)) return false;
            if (replay && id > replayedUpTo) replayedUpTo = id;
            ids[next] = id;
            next = (next + 1) % ids.length;
            if (size < ids.length) size++;
            return true;
        }

        private boolean contains(long id) {
            for (int i = 0; i < size; i++) if (ids[i] == id) return true;
            return false;
        }
    }

    EngineIoSocket engine() {
        return engine;
    }

    /** Asks the client to reconnect elsewhere (used on shutdown). */
    public void close() {
        outbox.submit(engine::close); // after the frames already queued, such as server_shutdown
    }
}
