package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Wires the provider chain from {@code kiln.ai.*}; the properties file maps the README's environment variables. */
@Configuration
@PropertySource("classpath:dev/kiln/server/ai/ai-environment.properties")
public class AiConfig {

    @Bean
    ProviderChain aiProviderChain(KilnProperties props, MeterRegistry metrics) {
        KilnProperties.Ai ai = props.ai();
        return new ProviderChain(AiProviders.fromConfig(ai), new ProviderChain.Policy(ai.maxReplyTime(), ai.maxAttempts(),
                ai.retryBackoff(), ai.circuitWindow(), ai.circuitMinCalls(), ai.circuitOpenFor()), metrics);
    }
}
