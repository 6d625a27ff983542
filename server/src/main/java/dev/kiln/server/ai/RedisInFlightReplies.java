package dev.kiln.server.ai;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies in flight across nodes: each node keeps its own ({@link LocalInFlightReplies}) and registers them in
 * Redis ({@code kiln:ai:reply:<responseId>} = the asker's id, expiring in case a node dies mid-reply), so any
 * node can tell who may stop one; a stop for a reply on another node goes out on the {@code kiln:ai:stop}
 * channel and the node generating it sets its flag. If Redis does not answer, a stop for a reply elsewhere
 * fails with 503 rather than claiming a reply that may exist does not.
 */
public class RedisInFlightReplies implements InFlightReplies, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisInFlightReplies.class);
    static final String STOP_CHANNEL = "kiln:ai:stop";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Longer than any reply runs (provider timeouts are far shorter); only matters when a node dies mid-reply. */
    private static final Duration REGISTRATION_TTL = Duration.ofMinutes(30);

    private final LocalInFlightReplies here = new LocalInFlightReplies();
    private final StatefulRedisConnection<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> stops;

    public RedisInFlightReplies(RedisClient client) {
        this.redis = client.connect();
        this.stops = client.connectPubSub();
        stops.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String responseId) {
                here.stop(responseId);
            }
        });
        stops.sync().subscribe(STOP_CHANNEL);
    }

    private static String key(String responseId) {
        return "kiln:ai:reply:" + responseId;
    }

    @Override
    public void started(String responseId, long requesterId, AtomicBoolean stop) {
        here.started(responseId, requesterId, stop);
        redis.async().set(key(responseId), Long.toString(requesterId), SetArgs.Builder.ex(REGISTRATION_TTL));
    }

    @Override
    public void finished(String responseId) {
        here.finished(responseId);
        // Waited for, so that once the reply's end is announced no node still finds it to stop.
        try {
            redis.async().del(key(responseId)).toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not unregister reply {} in Redis (it expires by itself): {}", responseId, e.toString());
        }
    }

    @Override
    public Long requesterOf(String responseId) {
        Long local = here.requesterOf(responseId);
        if (local != null) return local;
        String stored = await(redis.async().get(key(responseId)).toCompletableFuture());
        return stored == null ? null : Long.valueOf(stored);
    }

    @Override
    public void stop(String responseId) {
        if (here.isHere(responseId)) here.stop(responseId);
        else await(redis.async().publish(STOP_CHANNEL, responseId).toCompletableFuture());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> reply) {
        try {
            return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiUnavailableException("interrupted while reaching the other servers");
        } catch (Exception e) {
            log.warn("Redis did not answer a reply lookup: {}", e.toString());
            throw new AiUnavailableException("cannot reach the other servers to find that reply; try again in a moment");
        }
    }

    @Override
    public void close() {
        stops.close();
        redis.close();
    }
}
