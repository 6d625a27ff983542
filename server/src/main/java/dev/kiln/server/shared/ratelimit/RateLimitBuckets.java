package dev.kiln.server.shared.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * Token buckets by name, the one port every rate limiter uses: in this node's memory for a single instance,
 * in Redis when {@code KILN_REDIS_URL} is set, so that several instances behind a load balancer count together.
 */
public interface RateLimitBuckets {

    /** Takes one token from the bucket {@code key} shaped by {@code limit}; says whether it was there, and how long until one is. */
    Outcome take(Limit limit, String key);

    /**
     * A bucket's shape: {@code capacity} tokens (the burst), refilled greedily at {@code refill} per {@code period}.
     *
     * @param name what is limited ("auth-ip", "chat-send", ...), part of every bucket's key
     */
    record Limit(String name, long capacity, long refill, Duration period) {
        public Limit {
            if (capacity < 1 || refill < 1) throw new IllegalArgumentException(name + ": capacity and refill must be at least 1");
        }

        public static Limit perMinute(String name, long perMinute) {
            return new Limit(name, perMinute, perMinute, Duration.ofMinutes(1));
        }

        public Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build();
        }

        public BucketConfiguration configuration() {
            return BucketConfiguration.builder().addLimit(bandwidth()).build();
        }

        /** The shape is part of the key, so a changed limit starts fresh buckets instead of inheriting stored ones. */
        String id() {
            return name + ":" + capacity + "/" + refill + "/" + period.toMillis();
        }
    }

    /** Whether the token was taken; when not, the wait until the next one (at least one second, as Retry-After counts). */
    record Outcome(boolean allowed, Duration retryAfter) {
        static Outcome of(boolean consumed, long nanosToWait) {
            if (consumed) return new Outcome(true, Duration.ZERO);
            return new Outcome(false, Duration.ofSeconds(Math.max(1, (long) Math.ceil(nanosToWait / 1e9))));
        }

        public long retryAfterSeconds() {
            return retryAfter.toSeconds();
        }
    }
}
