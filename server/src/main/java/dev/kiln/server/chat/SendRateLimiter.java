package dev.kiln.server.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Caps how fast one user can post (a burst of a few seconds' worth, then the steady rate). */
@Component
public class SendRateLimiter {
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).build();
    private final int perSecond;

    public SendRateLimiter(KilnProperties props) {
        this.perSecond = props.limits().messagesPerSecondPerUser();
    }

    public void check(long userId) {
        Bucket bucket = buckets.get(userId, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond * 3L).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        if (!bucket.tryConsume(1)) {
            throw ApiException.rateLimited("sending too fast (limit " + perSecond + " messages per second); slow down", Duration.ofSeconds(1));
        }
    }
}
