package dev.kiln.server.account;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Limit;
import org.springframework.stereotype.Component;

/**
 * Token buckets for login and registration, one per client IP and one per account name, so neither a single
 * address nor a distributed attack on one account gets unlimited guesses. With Redis the buckets are shared by
 * all nodes; if Redis is down each node falls back to its own buckets (logged), so guessing stays limited
 * and sign-in keeps working.
 */
@Component
public class AuthRateLimiter {
    private final RateLimitBuckets buckets;
    private final Limit perIp;
    private final Limit perAccount;

    public AuthRateLimiter(KilnProperties props, RateLimitBuckets buckets) {
        this.buckets = buckets;
        this.perIp = Limit.perMinute("auth-ip", props.auth().attemptsPerIpPerMinute());
        this.perAccount = Limit.perMinute("auth-account", props.auth().attemptsPerAccountPerMinute());
    }

    public void checkIp(String ip) {
        consume(perIp, ip, "Too many sign-in attempts from this address");
    }

    public void checkAccount(String username) {
        consume(perAccount, UserRepository.key(username), "Too many sign-in attempts for this account");
    }

    private void consume(Limit limit, String key, String message) {
        RateLimitBuckets.Outcome outcome = buckets.take(limit, key);
        if (!outcome.allowed())
            throw ApiException.rateLimited(message + "; try again in " + outcome.retryAfterSeconds() + " s", outcome.retryAfter());
    }
}
