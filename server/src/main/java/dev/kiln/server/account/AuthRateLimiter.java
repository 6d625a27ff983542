package dev.kiln.server.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) for login and registration, one per client IP and one per account name,
 * so neither a single address nor a distributed attack on one account gets unlimited guesses.
 * Buckets live in this node's memory; behind a load balancer each node limits on its own.
 */
@Component
public class AuthRateLimiter {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final KilnProperties.Auth limits;

    public AuthRateLimiter(KilnProperties props) {
        this.limits = props.auth();
    }

    public void checkIp(String ip) {
        consume("ip:" + ip, limits.attemptsPerIpPerMinute(), "Too many sign-in attempts from this address");
    }

    public void checkAccount(String username) {
        consume("acct:" + UserRepository.key(username), limits.attemptsPerAccountPerMinute(),
                "Too many sign-in attempts for this account");
    }

    private void consume(String key, int perMinute, String message) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            long seconds = Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
            throw ApiException.rateLimited(message + "; try again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
    }
}
