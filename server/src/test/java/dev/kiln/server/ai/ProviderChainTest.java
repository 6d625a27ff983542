package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, failover, timeouts and circuit breaking across two fixture-backed providers (openai first, anthropic second). */
class ProviderChainTest {
    private final FixtureServer fixtures = new FixtureServer();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        fixtures.close();
    }

    private ProviderChain chain(Duration timeout, ProviderChain.Policy policy) {
        return new ProviderChain(AiProviders.fromConfig(AiTestSettings.ai(List.of("openai", "anthropic"), fixtures.baseUrl("openai"),
                fixtures.baseUrl("anthropic"), timeout)), policy, metrics);
    }

    private static ProviderChain.Result ask(ProviderChain chain, List<String> deltas) {
        AiProvider.Request request = new AiProvider.Request("You are a test assistant.",
                List.of(new AiProvider.Turn(AiProvider.Role.USER, "[message from @ada]\nhello")), null, null, 256);
        return chain.generate(request, null, null, deltas::add, () -> false);
    }

    private double failovers() {
        var c = metrics.find("kiln.ai.provider.failovers").tag("from", "openai").counter();
        return c == null ? 0 : c.count();
    }

    private double circuitState(String provider) {
        return metrics.get("kiln.ai.provider.circuit.state").tag("provider", provider).gauge().value();
    }

    @Test
    void rateLimitedRequestIsRetriedOnTheSameProvider() {
        fixtures.enqueue("openai", FixtureServer.status(429, "openai-rate-limited.json"), FixtureServer.sse("openai-stream.txt"));
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        List<String> deltas = new CopyOnWriteArrayList<>();
        ProviderChain.Result r = ask(chain(Duration.ofSeconds(5), AiTestSettings.policy(3, 10, 5)), deltas);
        assertThat(r.provider()).isEqualTo("openai");
        assertThat(r.text()).isEqualTo("Hello! How can I help you today?");
        assertThat(String.join("", deltas)).isEqualTo(r.text());
        assertThat(fixtures.requests("openai")).hasSize(2);
        assertThat(fixtures.requests("anthropic")).isEmpty();
        assertThat(failovers()).isZero();
    }

    @Test
    void serverErrorsFailOverToTheNextProviderAfterRetries() {
        fixtures.defaultReply("openai", FixtureServer.status(500, "openai-server-error.json"));
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        List<String> deltas = new CopyOnWriteArrayList<>();
        ProviderChain.Result r = ask(chain(Duration.ofSeconds(5), AiTestSettings.policy(3, 10, 5)), deltas);
        assertThat(r.provider()).isEqualTo("anthropic");
        assertThat(r.text()).isEqualTo("Bonjour from the fallback model.");
        assertThat(r.usage()).isEqualTo(new AiProvider.Usage(25, 12));
        assertThat(deltas).containsExactly("Bonjour", " from", " the", " fallback", " model.");
        assertThat(fixtures.requests("openai")).hasSize(3);
        assertThat(failovers()).isEqualTo(1);
    }

    @Test
    void providerThatNeverAnswersFailsOverWithinItsTimeout() {
        fixtures.defaultReply("openai", FixtureServer.hang());
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        long started = System.nanoTime();
        ProviderChain.Result r = ask(chain(Duration.ofMillis(800), AiTestSettings.policy(3, 10, 5)), new CopyOnWriteArrayList<>());
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.provider()).isEqualTo("anthropic");
        assertThat(fixtures.requests("openai")).as("a timeout is not retried on the same provider").hasSize(1);
        assertThat(elapsedMs).isBetween(700L, 3_000L);
        assertThat(failovers()).isEqualTo(1);
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndTheProviderIsSkipped() {
        fixtures.defaultReply("openai", FixtureServer.status(500, "openai-server-error.json"));
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        ProviderChain chain = chain(Duration.ofSeconds(5), AiTestSettings.policy(1, 3, 3));
        assertThat(circuitState("openai")).isZero();
        for (int i = 0; i < 3; i++) assertThat(ask(chain, new CopyOnWriteArrayList<>()).provider()).isEqualTo("anthropic");
        assertThat(chain.state("openai")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuitState("openai")).as("gauge shows open").isEqualTo(1.0);
        assertThat(circuitState("anthropic")).isZero();

        ProviderChain.Result r = ask(chain, new CopyOnWriteArrayList<>());
        assertThat(r.provider()).isEqualTo("anthropic");
        assertThat(fixtures.requests("openai")).as("an open circuit sends nothing").hasSize(3);
        assertThat(failovers()).isEqualTo(4);
    }

    @Test
    void allProvidersFailingOrNoneConfiguredIsUnavailableWithAHint() {
        fixtures.defaultReply("openai", FixtureServer.status(500, "openai-server-error.json"));
        fixtures.defaultReply("anthropic", FixtureServer.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThatThrownBy(() -> ask(chain(Duration.ofSeconds(5), AiTestSettings.policy(2, 10, 5)), new CopyOnWriteArrayList<>()))
                .isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("openai answered HTTP 500").hasMessageContaining("anthropic answered HTTP 529")
                .hasMessageNotContaining("sk-test");
        assertThatThrownBy(() -> ask(new ProviderChain(List.of(), AiTestSettings.policy(1, 1, 1), metrics), new CopyOnWriteArrayList<>()))
                .isInstanceOf(AiUnavailableException.class).hasMessageContaining("KILN_AI_PROVIDER");
    }
}
