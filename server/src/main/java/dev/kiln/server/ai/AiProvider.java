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

    /** How this provider lets the model call tools; {@link ToolCalling#NONE} unless the adapter says otherwise. */
    default ToolCalling toolCalling() {
        return ToolCalling.NONE;
    }

    /** Whether the adapter can offer tools to the model; others get requests without tools (their results as text). */
    default boolean supportsTools() {
        return toolCalling() == ToolCalling.NATIVE;
    }

    /**
     * How a provider's model gets to call tools.
     * <ul>
     *   <li>{@code NATIVE}: tools are offered in the request and the model calls them (OpenAI function calling,
     *       Anthropic tool_use);</li>
     *   <li>{@code STRUCTURED}: for models without tool calling, the model first chooses a tool (or none) as a JSON
     *       object constrained by a schema, Kiln runs it, then the model answers with the result (see StructuredToolChoice);</li>
     *   <li>{@code NONE}: no tools.</li>
     * </ul>
     */
    enum ToolCalling {
        NATIVE, STRUCTURED, NONE;

        /** From configuration: "native", "structured" or "none" (any case); blank means native. */
        public static ToolCalling parse(String value, String setting) {
            if (value == null || value.isBlank()) return NATIVE;
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "native" -> NATIVE;
                case "structured" -> STRUCTURED;
                case "none" -> NONE;
                default -> throw new IllegalStateException(setting + " must be native, structured or none, not '" + value.strip() + "'");
            };
        }
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
     * @param responseSchema a JSON Schema (text) the reply must be a JSON object of, or null for free text; adapters that
     *                    can constrain the output to it do (llama.cpp's grammar, OpenAI/Anthropic structured outputs), others
     *                    rely on the prompt asking for it. Only schemas Kiln ships: llama.cpp's converter aborts the process
     *                    on a schema it cannot convert instead of throwing
     */
    record Request(String systemPrompt, List<Turn> turns, String model, Double temperature, int maxOutputTokens, List<Tool> tools,
                   List<ToolRound> toolRounds, String responseSchema) {
        public Request(String systemPrompt, List<Turn> turns, String model, Double temperature, int maxOutputTokens) {
            this(systemPrompt, turns, model, temperature, maxOutputTokens, List.of(), List.of(), null);
        }

        Request withModel(String newModel) {
            return new Request(systemPrompt, turns, newModel, temperature, maxOutputTokens, tools, toolRounds, responseSchema);
        }

        Request withTools(List<Tool> offered) {
            return new Request(systemPrompt, turns, model, temperature, maxOutputTokens, List.copyOf(offered), toolRounds, responseSchema);
        }

        Request withToolRound(ToolRound round) {
            List<ToolRound> rounds = new java.util.ArrayList<>(toolRounds);
            rounds.add(round);
            return new Request(systemPrompt, turns, model, temperature, maxOutputTokens, tools, List.copyOf(rounds), responseSchema);
        }

        /** This request with its reply held to a JSON Schema (see {@code responseSchema}). */
        public Request withResponseSchema(String schema) {
            return new Request(systemPrompt, turns, model, temperature, maxOutputTokens, tools, toolRounds, schema);
        }

        /** The same conversation with one more user turn, asking for JSON of this schema, at this temperature and length. */
        Request asking(String instruction, String schema, Double newTemperature, int newMaxOutputTokens) {
            List<Turn> all = new java.util.ArrayList<>(turns);
            all.add(new Turn(Role.USER, instruction));
            return new Request(systemPrompt, List.copyOf(all), model, newTemperature, newMaxOutputTokens, List.of(), List.of(), schema);
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
            return new Request(systemPrompt, List.copyOf(all), model, temperature, maxOutputTokens, List.of(), List.of(), responseSchema);
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
