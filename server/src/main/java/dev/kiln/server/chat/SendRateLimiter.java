package dev.kiln.server.chat;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Limit;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Caps how fast one user can post (a burst of a few seconds' worth, then the steady rate), across all nodes
 * with Redis; if Redis is down each node limits on its own (chat keeps working, a flood stays capped).
 */
@Component
public class SendRateLimiter {
    private final RateLimitBuckets buckets;
    private final Limit limit;
    private final int perSecond;

    public SendRateLimiter(KilnProperties props, RateLimitBuckets buckets) {
        this.buckets = buckets;
        this.perSecond = props.limits().messagesPerSecondPerUser();
        this.limit = new Limit("chat-send", perSecond * 3L, perSecond, Duration.ofSeconds(1));
    }

    public void check(long userId) {
        RateLimitBuckets.Outcome outcome = buckets.take(limit, Long.toString(userId));
        if (!outcome.allowed())
            throw ApiException.rateLimited("sending too fast (limit " + perSecond + " messages per second); slow down", outcome.retryAfter());
    }
}
