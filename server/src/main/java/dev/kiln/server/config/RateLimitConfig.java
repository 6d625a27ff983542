package dev.kiln.server.config;

import dev.kiln.server.realtime.RealtimeConfig.RedisClientHolder;
import dev.kiln.server.shared.ratelimit.InMemoryRateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RedisRateLimitBuckets;
import io.lettuce.core.RedisURI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks where rate-limit buckets live: in Redis when KILN_REDIS_URL is set (shared by all nodes), else in memory. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    @Bean
    public RateLimitBuckets rateLimitBuckets(KilnProperties props, RedisClientHolder redis) {
        if (redis.client() == null) return new InMemoryRateLimitBuckets();
        return new RedisRateLimitBuckets(redis.client(), RedisURI.create(props.redisUrl()), new InMemoryRateLimitBuckets());
    }
}
