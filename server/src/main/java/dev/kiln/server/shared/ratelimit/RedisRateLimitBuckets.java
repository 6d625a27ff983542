package dev.kiln.server.shared.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis (Bucket4j's Lettuce compare-and-swap proxies), shared by every node, under
 * {@code kiln:rate:<limit>:<key>} and expiring once full again. When Redis cannot be reached or does not answer
 * within {@link #TIMEOUT}, the token is taken from this node's own bucket instead ({@code fallback}): a Redis
 * outage neither locks everyone out nor lifts the limits, it only makes them per node again until Redis is back.
 * Both the outage and the recovery are logged once.
 */
public class RedisRateLimitBuckets implements RateLimitBuckets, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitBuckets.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** A rate check sits in front of every login and message; it must not wait out Lettuce's 60 s default. */
    static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(5);

    private final RedisClient client;
    private final RedisURI uri;
    private final RateLimitBuckets fallback;
    private CompletableFuture<StatefulRedisConnection<String, byte[]>> connecting;
    private long nextConnectNanos;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> proxies;
    private volatile boolean degraded;

    public RedisRateLimitBuckets(RedisClient client, RedisURI uri, RateLimitBuckets fallback) {
        this.client = client;
        this.uri = uri;
        this.fallback = fallback;
        proxies(); // connect now, so the first request normally finds the connection ready
    }

    @Override
    public Outcome take(Limit limit, String key) {
        ProxyManager<String> shared = proxies();
        if (shared == null || !connection.isOpen()) return fallBack(limit, key, "not connected to Redis");
        try {
            ConsumptionProbe probe = shared.builder().build("kiln:rate:" + limit.id() + ":" + key, limit::configuration)
                    .tryConsumeAndReturnRemaining(1);
            if (degraded) {
                degraded = false;
                log.info("Redis is back: rate limits are shared by all nodes again");
            }
            return Outcome.of(probe.isConsumed(), probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            return fallBack(limit, key, e.toString());
        }
    }

    private Outcome fallBack(Limit limit, String key, String why) {
        if (!degraded) {
            degraded = true;
            log.warn("Rate limits fall back to this node's own buckets ({}); they count per node until Redis answers again", why);
        }
        return fallback.take(limit, key);
    }

    /** Whether buckets are counted in Redis right now. */
    boolean connected() {
        return proxies() != null && connection.isOpen();
    }

    /** The proxies once connected; null while (re)connecting, with a new attempt at most every {@link #RECONNECT_EVERY}. */
    private ProxyManager<String> proxies() {
        ProxyManager<String> ready = proxies;
        if (ready != null) return ready;
        synchronized (this) {
            if (proxies != null) return proxies;
            if (connecting == null || (connecting.isCompletedExceptionally() && System.nanoTime() - nextConnectNanos >= 0)) {
                nextConnectNanos = System.nanoTime() + RECONNECT_EVERY.toNanos();
                connecting = client.connectAsync(CODEC, uri).toCompletableFuture();
            }
            if (!connecting.isDone() || connecting.isCompletedExceptionally()) return null;
            connection = connecting.join();
            proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .requestTimeout(TIMEOUT)
                    .build();
            return proxies;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) connection.close();
        else if (connecting != null) connecting.thenAccept(StatefulRedisConnection::close);
    }
}
