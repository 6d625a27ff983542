package dev.kiln.server.ai;

import dev.kiln.server.realtime.socketio.SocketIoHub;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Reports the assistant's model status and tells every socket connected to this node when it changes
 * ({@code ai_status}). Each node reports its own: a local model lives in one process, and a node's sockets
 * are answered by that node. Download progress is sent at most once per {@link #PROGRESS_INTERVAL}; a
 * change of state or reason always goes out at once.
 */
@Service
public class AiStatusService {
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final ProviderChain chain;
    private final SocketIoHub hub;
    private AiStatus lastSent;
    private long lastSentAt;

    public AiStatusService(ProviderChain chain, SocketIoHub hub) {
        this.chain = chain;
        this.hub = hub;
    }

    public AiStatus current() {
        AiProvider first = chain.first();
        if (first == null) {
            return new AiStatus(null, null, AiProvider.Readiness.UNAVAILABLE, null, AiUnavailableException.notConfigured().getMessage());
        }
        AiProvider.Readiness r = first.readiness();
        return new AiStatus(first.name(), first.defaultModel(), r.state(), r.percent(), r.reason());
    }

    @EventListener
    public void onReadinessChanged(AiProvider.ReadinessChanged changed) {
        AiStatus now = current();
        synchronized (this) {
            if (now.equals(lastSent)) return;
            boolean progressOnly = lastSent != null && AiProvider.Readiness.DOWNLOADING.equals(now.state())
                    && now.state().equals(lastSent.state()) && Objects.equals(now.provider(), lastSent.provider())
                    && Objects.equals(now.model(), lastSent.model());
            long at = System.nanoTime();
            if (progressOnly && at - lastSentAt < PROGRESS_INTERVAL.toNanos()) return;
            lastSent = now;
            lastSentAt = at;
            // Inside the lock so two changes in quick succession reach sockets in order.
            hub.broadcast("ai_status", now);
        }
    }
}
