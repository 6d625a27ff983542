package dev.kiln.server.shared.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Buckets in this node's memory (Bucket4j), idle ones dropped after ten minutes; a single instance needs no more. */
public class InMemoryRateLimitBuckets implements RateLimitBuckets {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();

    @Override
    public Outcome take(Limit limit, String key) {
        Bucket bucket = buckets.get(limit.id() + ":" + key, k -> Bucket.builder().addLimit(limit.bandwidth()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return Outcome.of(probe.isConsumed(), probe.getNanosToWaitForRefill());
    }
}
