package dev.kiln.server.ai;

import java.time.Duration;
import java.util.List;

/**
 * The port every language-model provider implements: stream one chat completion (a system prompt plus
 * user/assistant turns) as text deltas, then the full text and token usage; the returned handle cancels it.
 */
public interface AiProvider {

    /** The name used in configuration and room settings ("local", "openai", "anthropic"). */
    String name();

    /** The model used when a request names none. */
    String defaultModel();

    /** How long one attempt may wait for its first token, and between tokens, before it counts as timed out. */
    Duration timeout();

    /**
     * Starts streaming; returns at once. The listener is called from the provider's threads: any number of
     * {@link Listener#onDelta}, then exactly one of {@link Listener#onComplete} or {@link Listener#onError}
     * (none at all after {@link Stream#cancel()}).
     */
    Stream stream(Request request, Listener listener);

    /**
     * Whether the provider can answer now. Hosted providers always say ready (their failures show per
     * request); the in-process model is not while it downloads or loads, or when it has no model at all.
     */
    default Readiness readiness() {
        return Readiness.READY;
    }

    /**
     * A provider's state as {@code GET /api/ai/status} and {@code ai_status} show it.
     *
     * @param state   "ready", "downloading", "loading" or "unavailable"
     * @param percent 0-100 while downloading (null when the size is unknown), otherwise null
     * @param reason  null when ready; otherwise a sentence saying why not and what to do about it
     */
    record Readiness(String state, Integer percent, String reason) {
        public static final String READY_STATE = "ready";
        public static final String DOWNLOADING = "downloading";
        public static final String LOADING = "loading";
        public static final String UNAVAILABLE = "unavailable";
        public static final Readiness READY = new Readiness(READY_STATE, null, null);

        public boolean ready() {
            return READY_STATE.equals(state);
        }
    }

    /** Published (as a Spring application event) whenever a provider's {@link #readiness()} changes. */
    record ReadinessChanged(String provider) {}

    /** Who wrote a turn. The system prompt is never a turn: it travels separately so user text cannot become it. */
    enum Role { USER, ASSISTANT }

    /** One turn of the conversation sent to the model. */
    record Turn(Role role, String text) {}

    /**
     * What to ask.
     *
     * @param model       null for the provider's default
     * @param temperature null for the provider's default
     */
    record Request(String systemPrompt, List<Turn> turns, String model, Double temperature, int maxOutputTokens) {
        Request withModel(String newModel) {
            return new Request(systemPrompt, turns, newModel, temperature, maxOutputTokens);
        }
    }

    /** Tokens the provider counted (or, when it reported none, our estimate of characters / 4). */
    record Usage(int inputTokens, int outputTokens) {
        public int totalTokens() {
            return inputTokens + outputTokens;
        }
    }

    /** Receives one streamed completion. */
    interface Listener {
        void onDelta(String text);

        void onComplete(String text, Usage usage, String model);

        void onError(ProviderFailure failure);
    }

    /** A running completion. */
    interface Stream {
        void cancel();
    }
}
