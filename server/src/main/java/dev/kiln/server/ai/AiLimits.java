package dev.kiln.server.ai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What one user may ask of the assistant: input length (400 too_large), requests per minute (Bucket4j, in
 * this node's memory, 429) and tokens per UTC day (stored, so it holds across nodes and restarts, 429).
 */
@Component
public class AiLimits {
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final KilnProperties.Ai ai;
    private final AiUsageRepository usage;
    private final Clock clock;

    public AiLimits(KilnProperties props, AiUsageRepository usage, Clock clock) {
        this.ai = props.ai();
        this.usage = usage;
        this.clock = clock;
    }

    public void checkInput(String text) {
        if (text == null || text.isBlank()) throw ApiException.invalidField("message", "must not be blank");
        if (text.length() > ai.maxInputChars())
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_large", "message is too long for the assistant: at most "
                    + ai.maxInputChars() + " characters (this one has " + text.length() + ")");
    }

    /** Rate first (cheap, in memory), then the stored daily budget. */
    public void checkRequest(long userId) {
        int perMinute = Math.max(1, ai.requestsPerMinutePerUser());
        Bucket bucket = buckets.get(userId, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            throw ApiException.rateLimited("Too many assistant requests: at most " + perMinute + " per minute; try again in "
                    + seconds + " s", Duration.ofSeconds(seconds));
        }
        long used = usage.tokensOn(userId, today());
        if (used >= ai.dailyTokensPerUser()) {
            Instant midnight = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Duration wait = Duration.between(clock.instant(), midnight);
            throw ApiException.rateLimited("You have used your daily assistant budget of " + ai.dailyTokensPerUser() + " tokens ("
                    + used + " used today); it resets at 00:00 UTC, in " + Math.max(1, wait.toMinutes()) + " min", wait);
        }
    }

    public void record(long userId, long tokens) {
        usage.add(userId, today(), tokens);
    }

    private int today() {
        return (int) LocalDate.now(clock.withZone(ZoneOffset.UTC)).toEpochDay();
    }
}
