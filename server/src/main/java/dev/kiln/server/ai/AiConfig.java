package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.RealtimeConfig.RedisClientHolder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Wires the provider chain from {@code kiln.ai.*}; the properties file maps the README's environment variables. */
@Configuration
@PropertySource("classpath:dev/kiln/server/ai/ai-environment.properties")
public class AiConfig {

    /** {@code inProcess}: providers that run inside Kiln and are beans of their own (the local model, see ai/local). */
    @Bean
    ProviderChain aiProviderChain(KilnProperties props, MeterRegistry metrics, List<AiProvider> inProcess) {
        KilnProperties.Ai ai = props.ai();
        return new ProviderChain(AiProviders.fromConfig(ai, inProcess), new ProviderChain.Policy(ai.maxReplyTime(), ai.maxAttempts(),
                ai.retryBackoff(), ai.circuitWindow(), ai.circuitMinCalls(), ai.circuitOpenFor()), metrics);
    }

    /** Replies in flight: this node's only, or registered in Redis so a stop reaches them from any node. */
    @Bean
    InFlightReplies inFlightReplies(RedisClientHolder redis) {
        return redis.client() == null ? new LocalInFlightReplies() : new RedisInFlightReplies(redis.client());
    }
}
