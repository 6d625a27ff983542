package dev.kiln.server.chat;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.Ids;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * "Ada is typing…": broadcasts typing changes to the other members (none of the typist's own connections, on any
 * node) and sends {@code typing:false} by itself when a typist stops refreshing for the configured timeout (5 s),
 * so a closed tab never leaves a stuck indicator.
 */
@Component
public class TypingTracker implements AutoCloseable {
    private final RoomFanout fanout;
    private final long timeoutMillis;
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-typing-expiry");
        t.setDaemon(true);
        return t;
    });

    public TypingTracker(RoomFanout fanout, KilnProperties props) {
        this.fanout = fanout;
        this.timeoutMillis = props.limits().typingTimeout().toMillis();
    }

    public void start(long conversationId, long userId, String username) {
        String key = conversationId + ":" + userId;
        ScheduledFuture<?> previous = expiries.put(key, timer.schedule(() -> {
            expiries.remove(key);
            publish(conversationId, userId, username, false);
        }, timeoutMillis, TimeUnit.MILLISECONDS));
        if (previous != null) previous.cancel(false);
        else publish(conversationId, userId, username, true);
    }

    public void stop(long conversationId, long userId, String username) {
        ScheduledFuture<?> pending = expiries.remove(conversationId + ":" + userId);
        if (pending != null) {
            pending.cancel(false);
            publish(conversationId, userId, username, false);
        }
    }

    private void publish(long conversationId, long userId, String username, boolean typing) {
        fanout.publish(RoomFanout.conversationRoom(conversationId), "typing", Map.of("conversationId", Ids.format(conversationId),
                "userId", Ids.format(userId), "username", username, "typing", typing), userId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
