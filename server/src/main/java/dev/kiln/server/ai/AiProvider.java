package dev.kiln.server.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The port every language-model provider implements: stream one chat completion (a system prompt plus
 * user/assistant turns) as text deltas, then the full text and token usage, or the tool calls the model asked for;
 * the returned handle cancels it.
 */
public interface AiProvider {

    /** The name used in configuration and room settings ("local", "openai", "anthropic"). */
    String name();

    /** The model used when a request names none. */
    String defaultModel();

    /** How long one attempt may wait for its first token, and between tokens, before it counts as timed out. */
    Duration timeout();

    /** Whether the adapter can offer tools to the model; others get requests without tools (their results as text). */
    default boolean supportsTools() {
        return false;
    }

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

    /** A tool the model may call: its name, what it does, and its parameters (name → description; all strings, all required). */
    record Tool(String name, String description, Map<String, String> parameters) {}

    /** A call the model asked for; {@code arguments} is the JSON object text the model wrote (not yet validated). */
    record ToolCall(String id, String name, String arguments) {}

    /** One round of tool use: the calls the model made and what each returned, in the same order. */
    record ToolRound(List<ToolCall> calls, List<String> results) {}

    /**
     * What to ask.
     *
     * @param model       null for the provider's default
     * @param temperature null for the provider's default
     * @param tools       offered to the model (empty: none)
     * @param toolRounds  tool calls already made for this reply and their results, oldest first
     */
    record Request(String systemPrompt, List<Turn> turns, String model, Double temperature, int maxOutputTokens, List<Tool> tools,
                   List<ToolRound> toolRounds) {
        public Request(String systemPrompt, List<Turn> turns, String model, Double temperature, int maxOutputTokens) {
            this(systemPrompt, turns, model, temperature, maxOutputTokens, List.of(), List.of());
        }

        Request withModel(String newModel) {
            return new Request(systemPrompt, turns, newModel, temperature, maxOutputTokens, tools, toolRounds);
        }

        Request withTools(List<Tool> offered) {
            return new Request(systemPrompt, turns, model, temperature, maxOutputTokens, List.copyOf(offered), toolRounds);
        }

        Request withToolRound(ToolRound round) {
            List<ToolRound> rounds = new java.util.ArrayList<>(toolRounds);
            rounds.add(round);
            return new Request(systemPrompt, turns, model, temperature, maxOutputTokens, tools, List.copyOf(rounds));
        }

        /** For a provider without tools: no tools offered, and the results so far as one more user turn of text. */
        Request withoutTools() {
            if (tools.isEmpty() && toolRounds.isEmpty()) return this;
            List<Turn> all = new java.util.ArrayList<>(turns);
            StringBuilder b = new StringBuilder();
            for (ToolRound r : toolRounds)
                for (int i = 0; i < r.calls().size(); i++)
                    b.append("[result of the tool ").append(r.calls().get(i).name()).append("]\n").append(r.results().get(i)).append("\n\n");
            if (!b.isEmpty()) all.add(new Turn(Role.USER, b.toString().strip()));
            return new Request(systemPrompt, List.copyOf(all), model, temperature, maxOutputTokens, List.of(), List.of());
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

        /** Instead of {@link #onComplete}: the model asked for tools to be called (only when the request offered tools). */
        default void onToolCalls(List<ToolCall> calls, Usage usage, String model) {
            onError(new ProviderFailure("tools", "the model asked for tools this listener cannot run", -1, false, false));
        }
    }

    /** A running completion. */
    interface Stream {
        void cancel();
    }
}
