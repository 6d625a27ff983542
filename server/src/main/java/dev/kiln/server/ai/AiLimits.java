package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Limit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What one user may ask of the assistant: input length (400 too_large), requests per minute ({@link RateLimitBuckets}:
 * shared by all nodes with Redis, per node while Redis is down, 429) and tokens per UTC day (stored in the database,
 * so it holds across nodes and restarts, 429).
 */
@Component
public class AiLimits {
    private final RateLimitBuckets buckets;
    private final Limit perMinute;
    private final KilnProperties.Ai ai;
    private final AiUsageRepository usage;
    private final Clock clock;

    public AiLimits(KilnProperties props, RateLimitBuckets buckets, AiUsageRepository usage, Clock clock) {
        this.ai = props.ai();
        this.buckets = buckets;
        this.perMinute = Limit.perMinute("ai-requests", Math.max(1, ai.requestsPerMinutePerUser()));
        this.usage = usage;
        this.clock = clock;
    }

    public void checkInput(String text) {
        if (text == null || text.isBlank()) throw ApiException.invalidField("message", "must not be blank");
        if (text.length() > ai.maxInputChars())
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_large", "message is too long for the assistant: at most "
                    + ai.maxInputChars() + " characters (this one has " + text.length() + ")");
    }

    /** Rate first (one bucket round trip), then the stored daily budget. */
    public void checkRequest(long userId) {
        RateLimitBuckets.Outcome rate = buckets.take(perMinute, Long.toString(userId));
        if (!rate.allowed())
            throw ApiException.rateLimited("Too many assistant requests: at most " + perMinute.capacity() + " per minute; try again in "
                    + rate.retryAfterSeconds() + " s", rate.retryAfter());
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
