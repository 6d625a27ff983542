package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the ping-timeout timer of a closed Engine.IO socket.
 *
 * <p>Why: engine.io-server-java (6.3.2) cancels only the ping timer when a socket closes. Its ping-timeout task
 * stays queued on the shared scheduler for up to pingInterval + pingTimeout (45 s), and the task holds the closed
 * socket, its transport, Kiln's connection object and the container's WebSocket session with its buffers. After a
 * mass disconnect (a deploy, a network blip, the end of a benchmark scenario) that was ~15 KiB per connection kept
 * alive for 45 s: 10,000 closed connections kept ~150 MB reachable and the next minute's traffic paid for it in
 * garbage collection. The field is private, hence the lookup; if a future version renames it, nothing breaks and the
 * timer simply runs out as before (logged once).
 */
final class ClosedSocketTimers {
    private static final Logger log = LoggerFactory.getLogger(ClosedSocketTimers.class);
    private static final VarHandle PING_TIMEOUT = find();

    private ClosedSocketTimers() {}

    /** Cancels {@code socket}'s pending ping timeout; the scheduler drops it at once (remove-on-cancel is on). */
    static void cancel(EngineIoSocket socket) {
        if (PING_TIMEOUT == null) return;
        if (PING_TIMEOUT.getVolatile(socket) instanceof ScheduledFuture<?> timeout) timeout.cancel(false);
    }

    private static VarHandle find() {
        try {
            return MethodHandles.privateLookupIn(EngineIoSocket.class, MethodHandles.lookup())
                    .findVarHandle(EngineIoSocket.class, "mPingTimeoutFuture", ScheduledFuture.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot reach Engine.IO's ping-timeout timer ({}); closed sockets stay in memory until it runs out", e.toString());
            return null;
        }
    }
}
