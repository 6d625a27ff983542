package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the configured providers from {@code kiln.ai.*}. Keys are handed to the client libraries only:
 * request/response logging stays off so they never reach a log, and no view ever includes them.
 */
public final class AiProviders {
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String LOCAL = "local";
    static final String OPENAI_URL = "https://api.openai.com/v1";
    static final String ANTHROPIC_URL = "https://api.anthropic.com/v1";
    static final String OPENAI_MODEL = "gpt-4o-mini";
    static final String ANTHROPIC_MODEL = "claude-3-5-haiku-latest";

    private AiProviders() {}

    /** The chain named by {@code kiln.ai.provider} when it names only hosted providers. */
    public static List<AiProvider> fromConfig(KilnProperties.Ai ai) {
        return fromConfig(ai, List.of());
    }

    /**
     * The chain named by {@code kiln.ai.provider}, in order; an unknown name stops startup with a clear message.
     *
     * @param inProcess providers that run inside Kiln (the "local" model), picked by their {@link AiProvider#name()}
     */
    public static List<AiProvider> fromConfig(KilnProperties.Ai ai, List<AiProvider> inProcess) {
        List<AiProvider> out = new ArrayList<>();
        List<String> names = ai.provider().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean first = i == 0;
            switch (name) {
                case OPENAI -> out.add(openAi(ai, ai.openai(), first));
                case ANTHROPIC -> out.add(anthropic(ai, ai.anthropic(), first));
                default -> out.add(inProcess.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalStateException("KILN_AI_PROVIDER names an unknown provider '" + name + "'; use local (a model run "
                                + "inside Kiln), openai (any OpenAI-compatible server) or anthropic, comma-separated for a fallback chain")));
            }
        }
        return out;
    }

    private static AiProvider openAi(KilnProperties.Ai ai, KilnProperties.Ai.AiProvider own, boolean first) {
        String model = pick(own == null ? null : own.model(), first ? ai.model() : null, OPENAI_MODEL);
        Duration timeout = timeout(ai, own);
        OpenAiStreamingChatModel client = OpenAiStreamingChatModel.builder()
                .baseUrl(pick(own == null ? null : own.baseUrl(), first ? ai.baseUrl() : null, OPENAI_URL))
                // Local OpenAI-compatible servers (llama.cpp, vLLM, Ollama) take any key; the client library requires one.
                .apiKey(pick(own == null ? null : own.apiKey(), first ? ai.apiKey() : null, "none"))
                .modelName(model)
                .timeout(timeout)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new LangChain4jProvider(OPENAI, model, timeout, client, toolCalling(own, "KILN_AI_OPENAI_TOOLCALLING"));
    }

    private static AiProvider anthropic(KilnProperties.Ai ai, KilnProperties.Ai.AiProvider own, boolean first) {
        String model = pick(own == null ? null : own.model(), first ? ai.model() : null, ANTHROPIC_MODEL);
        Duration timeout = timeout(ai, own);
        String baseUrl = pick(own == null ? null : own.baseUrl(), first ? ai.baseUrl() : null, ANTHROPIC_URL);
        AnthropicStreamingChatModel client = AnthropicStreamingChatModel.builder()
                .baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")
                .apiKey(pick(own == null ? null : own.apiKey(), first ? ai.apiKey() : null, "none"))
                .modelName(model)
                .maxTokens(ai.maxOutputTokens())
                .timeout(timeout)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new LangChain4jProvider(ANTHROPIC, model, timeout, client, toolCalling(own, "KILN_AI_ANTHROPIC_TOOLCALLING"));
    }

    private static AiProvider.ToolCalling toolCalling(KilnProperties.Ai.AiProvider own, String setting) {
        return AiProvider.ToolCalling.parse(own == null ? null : own.toolCalling(), setting);
    }

    private static Duration timeout(KilnProperties.Ai ai, KilnProperties.Ai.AiProvider own) {
        return own != null && own.timeout() != null ? own.timeout() : ai.timeout();
    }

    private static String pick(String... candidates) {
        for (String c : candidates) if (c != null && !c.isBlank()) return c.strip();
        return null;
    }
}
