package dev.kiln.server.ai;

import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tool use for models without tool calling ({@link AiProvider.ToolCalling#STRUCTURED}): before answering, the model is
 * asked to choose one allowed tool, or none, as {@code {"tool": …, "arguments": {…}}}, under a JSON Schema that
 * constrains its output where the provider can (llama.cpp's grammar; OpenAI's and Anthropic's structured outputs). A
 * choice of an allowed tool becomes an ordinary call for {@link AssistantTools}, which validates and runs it like a native
 * one. Anything else (not JSON, an unknown tool, "none", a failed request) means no tool, and the model just answers.
 * The price is one more short generation per reply, not shown to anyone.
 */
@Component
class StructuredToolChoice {
    private static final Logger log = LoggerFactory.getLogger(StructuredToolChoice.class);
    static final String NONE = "none";
    /** Enough for a choice with a few sentences of description; a longer one is cut, fails to parse, and means no tool. */
    static final int CHOICE_TOKENS = 512;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE_FENCE = Pattern.compile("^```(?:json)?\\s*|\\s*```$");

    /** The tool the model chose ({@code call} null for none) and what asking cost. */
    record Choice(AiProvider.ToolCall call, AiProvider.Usage usage) {}

    private final AssistantTools tools;
    private final ProviderChain chain;

    StructuredToolChoice(AssistantTools tools, ProviderChain chain) {
        this.tools = tools;
        this.chain = chain;
    }

    /** Asks the room's provider (non-streamed, at temperature 0) which tool, if any, the last message needs. */
    Choice choose(AiProvider.Request conversation, AiRoomSettings settings, BooleanSupplier cancelled) {
        AiProvider.Request ask = conversation.asking(instruction(), schema(), 0.0, CHOICE_TOKENS);
        ProviderChain.Result result;
        try {
            result = chain.generate(ask, settings.provider(), settings.model(), delta -> {}, cancelled);
        } catch (AiUnavailableException e) {
            // The answer that follows asks again, and reports the failure if it persists.
            log.debug("No tool choice: {}", e.getMessage());
            return new Choice(null, new AiProvider.Usage(0, 0));
        }
        return new Choice(result.cancelled() ? null : parse(result.text()), result.usage());
    }

    /** The call the text chooses, or null: only a JSON object naming an allowed tool is one. */
    AiProvider.ToolCall parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(CODE_FENCE.matcher(text == null ? "" : text.strip()).replaceAll(""));
        } catch (RuntimeException e) {
            log.debug("Tool choice is not JSON: {}", text);
            return null;
        }
        if (node == null || !node.isObject() || !node.path("tool").isString()) return null;
        String tool = node.path("tool").asString();
        if (tools.offered().stream().noneMatch(t -> t.name().equals(tool))) return null;
        JsonNode arguments = node.get("arguments");
        // AssistantTools checks the arguments as it would a native call's, and the room sees it refuse bad ones.
        return new AiProvider.ToolCall("choice-" + tool, tool, arguments == null ? "{}" : arguments.toString());
    }

    /** The JSON Schema of a choice: one of the allowed tools or "none", with the tools' parameters (all optional here). */
    String schema() {
        ObjectNode root = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode names = properties.putObject("tool").put("type", "string").putArray("enum");
        tools.offered().forEach(t -> names.add(t.name()));
        names.add(NONE);
        ObjectNode arguments = properties.putObject("arguments").put("type", "object");
        ObjectNode parameters = arguments.putObject("properties");
        for (AiProvider.Tool t : tools.offered())
            t.parameters().forEach((name, description) -> parameters.putObject(name).put("type", "string").put("description", description)
                    .put("minLength", 1).put("maxLength", tools.maxChars(name)));
        arguments.put("additionalProperties", false);
        root.putArray("required").add("tool").add("arguments");
        root.put("additionalProperties", false);
        return root.toString();
    }

    /**
     * Asked as the last turn, after the conversation: the prompt up to there is the one the answer then gets, so
     * llama.cpp reuses it from its cache instead of reading the conversation twice.
     */
    String instruction() {
        StringBuilder b = new StringBuilder("[from Kiln, not a person] Before answering, decide whether the last message needs one of "
                + "these tools; choose one only when it asks for what the tool does:\n");
        for (AiProvider.Tool t : tools.offered()) {
            b.append("- ").append(t.name()).append(": ").append(t.description()).append(" Arguments: {");
            b.append(String.join(", ", t.parameters().entrySet().stream().map(p -> "\"" + p.getKey() + "\": \"" + p.getValue() + "\"").toList()));
            b.append("}\n");
        }
        return b.append("Reply with only a JSON object, nothing else: {\"tool\": \"<tool name>\", \"arguments\": {…}} to use a tool, ")
                .append("or {\"tool\": \"none\", \"arguments\": {}} when no tool is needed.").toString();
    }
}
