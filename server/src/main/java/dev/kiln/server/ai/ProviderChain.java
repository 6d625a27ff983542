package dev.kiln.server.ai;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries providers in order until one answers. Each provider has its own attempt timeout (first token and
 * between tokens), retries with exponential backoff on 429/5xx/network errors, and a Resilience4j circuit
 * breaker that skips it while it keeps failing. Once part of a reply has been streamed, a failure ends the
 * reply instead of switching provider, because the room has already seen the first provider's words.
 * Blocking: call it from a virtual thread.
 */
public class ProviderChain {
    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

    /** Settings shared by every provider of the chain. */
    public record Policy(Duration maxReplyTime, int maxAttempts, Duration retryBackoff, int circuitWindow, int circuitMinCalls,
                         Duration circuitOpenFor) {}

    /** A finished (or cancelled) reply, or the tools the model asked for instead ({@code toolCalls} not empty, text empty). */
    public record Result(String text, AiProvider.Usage usage, String provider, String model, boolean cancelled,
                         List<AiProvider.ToolCall> toolCalls) {
        public Result(String text, AiProvider.Usage usage, String provider, String model, boolean cancelled) {
            this(text, usage, provider, model, cancelled, List.of());
        }
    }

    private record Guarded(AiProvider provider, CircuitBreaker breaker, Retry retry) {}

    private final Map<String, Guarded> providers = new LinkedHashMap<>();
    private final Policy policy;
    private final MeterRegistry metrics;

    public ProviderChain(List<AiProvider> chain, Policy policy, MeterRegistry metrics) {
        this.policy = policy;
        this.metrics = metrics;
        for (AiProvider p : chain) {
            CircuitBreaker breaker = CircuitBreaker.of(p.name(), CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(Math.max(1, policy.circuitWindow()))
                    .minimumNumberOfCalls(Math.max(1, policy.circuitMinCalls()))
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(policy.circuitOpenFor())
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .recordException(e -> e instanceof ProviderFailure)
                    .build());
            Retry retry = Retry.of(p.name(), RetryConfig.<Result>custom()
                    .maxAttempts(Math.max(1, policy.maxAttempts()))
                    .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.retryBackoff(), 2.0))
                    .retryOnException(e -> e instanceof ProviderFailure f && f.retryable())
                    .build());
            Gauge.builder("kiln.ai.provider.circuit.state", breaker, ProviderChain::stateValue)
                    .description("circuit breaker per AI provider: 0 closed, 1 open, 2 half-open").tag("provider", p.name())
                    .register(metrics);
            providers.put(p.name(), new Guarded(p, breaker, retry));
        }
    }

    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    public boolean isEmpty() {
        return providers.isEmpty();
    }

    public String defaultModel(String provider) {
        Guarded g = providers.get(provider);
        return g == null ? null : g.provider().defaultModel();
    }

    public CircuitBreaker.State state(String provider) {
        return providers.get(provider).breaker().getState();
    }

    /** The provider tried first when a room names none; null when none is configured. */
    public AiProvider first() {
        return providers.isEmpty() ? null : providers.values().iterator().next().provider();
    }

    /**
     * Fails fast, before anyone sees the assistant typing, when no provider is configured or none is ready
     * (the local model still downloading, say); the exception's message says what to do.
     */
    public void requireAnyReady() {
        if (providers.isEmpty()) throw AiUnavailableException.notConfigured();
        List<String> reasons = new ArrayList<>();
        for (Guarded g : providers.values()) {
            AiProvider.Readiness r = g.provider().readiness();
            if (r.ready()) return;
            reasons.add(r.reason());
        }
        throw AiUnavailableException.notReady(reasons);
    }

    /**
     * Streams a reply from the first provider that answers.
     *
     * @param preferred   tried first when not null (a room's choice); the others follow in configured order
     * @param preferredModel the model for the first provider tried; the others use their own defaults
     * @param onDelta     receives each piece of text as it arrives
     * @param cancelled   polled while streaming; when it turns true the partial reply is returned as cancelled
     * @throws AiUnavailableException when no provider is configured or none answered
     */
    public Result generate(AiProvider.Request request, String preferred, String preferredModel, Consumer<String> onDelta,
                           BooleanSupplier cancelled) {
        if (providers.isEmpty()) throw AiUnavailableException.notConfigured();
        List<Guarded> order = order(preferred);

        long deadline = System.nanoTime() + policy.maxReplyTime().toNanos();
        AtomicBoolean streamed = new AtomicBoolean();
        List<String> failures = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Guarded g = order.get(i);
            AiProvider.Readiness readiness = g.provider().readiness();
            if (!readiness.ready()) {
                // Not a failure of the provider: its breaker and retries stay out of it.
                notReady.add(readiness.reason());
                metrics.counter("kiln.ai.provider.calls", "provider", g.provider().name(), "outcome", "not_ready").increment();
                continue;
            }
            AiProvider.Request modelled = request.withModel(i == 0 ? preferredModel : null);
            // A provider without tool calling gets no tools, and the results of calls already made as text.
            AiProvider.Request attemptRequest = g.provider().supportsTools() ? modelled : modelled.withoutTools();
            try {
                Result result = g.retry().executeSupplier(() -> g.breaker().executeSupplier(
                        () -> attempt(g.provider(), attemptRequest, onDelta, cancelled, streamed, deadline)));
                metrics.counter("kiln.ai.provider.calls", "provider", g.provider().name(), "outcome", "success").increment();
                return result;
            } catch (CallNotPermittedException open) {
                failures.add(g.provider().name() + ": circuit open after repeated failures");
                metrics.counter("kiln.ai.provider.calls", "provider", g.provider().name(), "outcome", "skipped").increment();
            } catch (ProviderFailure f) {
                failures.add(f.getMessage());
                metrics.counter("kiln.ai.provider.calls", "provider", g.provider().name(), "outcome", "failure").increment();
                log.warn("AI provider failed: {}", f.getMessage());
                if (f.afterOutput()) throw AiUnavailableException.interrupted(failures);
            }
            if (i + 1 < order.size()) {
                Counter.builder("kiln.ai.provider.failovers").description("replies handed to the next AI provider")
                        .tag("from", g.provider().name()).tag("to", order.get(i + 1).provider().name()).register(metrics).increment();
            }
        }
        if (failures.isEmpty()) throw AiUnavailableException.notReady(notReady);
        failures.addAll(notReady);
        throw AiUnavailableException.allFailed(failures);
    }

    /**
     * How the provider a reply is asked of first calls tools: the preferred one (a room's choice) or else the first
     * configured, skipping any not ready; NONE when none is.
     */
    public AiProvider.ToolCalling toolCalling(String preferred) {
        for (Guarded g : order(preferred)) if (g.provider().readiness().ready()) return g.provider().toolCalling();
        return AiProvider.ToolCalling.NONE;
    }

    /** The preferred provider first when configured, then the others in configured order. */
    private List<Guarded> order(String preferred) {
        List<Guarded> order = new ArrayList<>();
        if (preferred != null && providers.containsKey(preferred)) order.add(providers.get(preferred));
        for (Guarded g : providers.values()) if (!order.contains(g)) order.add(g);
        return order;
    }

    /** One attempt at one provider, watched for idle time, the overall deadline and cancellation. */
    private Result attempt(AiProvider provider, AiProvider.Request request, Consumer<String> onDelta, BooleanSupplier cancelled,
                           AtomicBoolean streamed, long deadline) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        StringBuilder partial = new StringBuilder();
        AiProvider.Stream stream = provider.stream(request, new AiProvider.Listener() {
            @Override
            public void onDelta(String text) {
                if (done.isDone()) return;
                lastActivity.set(System.nanoTime());
                synchronized (partial) {
                    partial.append(text);
                }
                streamed.set(true);
                onDelta.accept(text);
            }

            @Override
            public void onComplete(String text, AiProvider.Usage usage, String model) {
                done.complete(new Result(text, usage, provider.name(), model, false));
            }

            @Override
            public void onError(ProviderFailure failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onToolCalls(List<AiProvider.ToolCall> calls, AiProvider.Usage usage, String model) {
                done.complete(new Result("", usage, provider.name(), model, false, List.copyOf(calls)));
            }
        });
        long idleLimit = provider.timeout().toNanos();
        while (true) {
            try {
                return done.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException tick) {
                long now = System.nanoTime();
                if (cancelled.getAsBoolean()) {
                    stream.cancel();
                    done.cancel(false);
                    String text;
                    synchronized (partial) {
                        text = partial.toString();
                    }
                    int in = TokenEstimate.of(request.systemPrompt()) + request.turns().stream().mapToInt(t -> TokenEstimate.of(t.text())).sum();
                    return new Result(text, new AiProvider.Usage(in, TokenEstimate.of(text)), provider.name(),
                            request.model() == null ? provider.defaultModel() : request.model(), true);
                }
                if (now - lastActivity.get() > idleLimit || now > deadline) {
                    stream.cancel();
                    done.cancel(false);
                    ProviderFailure f = ProviderFailure.timedOut(provider.name(), now > deadline ? policy.maxReplyTime() : provider.timeout());
                    if (streamed.get()) f.markAfterOutput();
                    throw f;
                }
            } catch (ExecutionException e) {
                ProviderFailure f = ProviderFailure.from(provider.name(), e.getCause());
                if (streamed.get()) f.markAfterOutput();
                throw f;
            } catch (InterruptedException e) {
                stream.cancel();
                Thread.currentThread().interrupt();
                throw new AiUnavailableException("the assistant was stopped because the server is shutting down");
            }
        }
    }

    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
