package dev.kiln.server.ai;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link AiProvider} on a LangChain4j streaming model: LangChain4j does the wire protocol (OpenAI Chat
 * Completions or Anthropic Messages over SSE); this adapter maps turns, tools and tool results in, and deltas, tool
 * calls, usage and errors out.
 */
final class LangChain4jProvider implements AiProvider {
    private final String name;
    private final String defaultModel;
    private final Duration timeout;
    private final StreamingChatModel model;
    private final ToolCalling toolCalling;

    /**
     * @param toolCalling {@code NATIVE} offers the request's tools (LangChain4j maps them to the wire format's function
     *                    calling / tool_use); otherwise requests go without them
     */
    LangChain4jProvider(String name, String defaultModel, Duration timeout, StreamingChatModel model, ToolCalling toolCalling) {
        this.name = name;
        this.defaultModel = defaultModel;
        this.timeout = timeout;
        this.model = model;
        this.toolCalling = toolCalling;
    }

    @Override public String name() { return name; }
    @Override public String defaultModel() { return defaultModel; }
    @Override public Duration timeout() { return timeout; }
    @Override public ToolCalling toolCalling() { return toolCalling; }

    @Override
    public Stream stream(Request request, Listener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        Request effective = supportsTools() ? request : request.withoutTools();
        ChatRequest.Builder builder = ChatRequest.builder()
                .messages(messages(effective))
                .modelName(request.model() == null ? defaultModel : request.model())
                .temperature(request.temperature())
                .maxOutputTokens(request.maxOutputTokens());
        if (!effective.tools().isEmpty()) builder.toolSpecifications(effective.tools().stream().map(LangChain4jProvider::spec).toList());
        // Structured outputs: OpenAI's response_format json_schema, Anthropic's output_config; the prompt asks for the same.
        if (request.responseSchema() != null)
            builder.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name("kiln_reply").rootElement(JsonRawSchema.from(request.responseSchema())).build()).build());
        ChatRequest chatRequest = builder.build();
        try {
            model.chat(chatRequest, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    handle.set(context.streamingHandle());
                    if (cancelled.get()) {
                        context.streamingHandle().cancel();
                        return;
                    }
                    if (partial.text() != null && !partial.text().isEmpty()) listener.onDelta(partial.text());
                }

                @Override
                public void onPartialResponse(String partialResponse) {
                    // Replaced by the two-argument form above, which also gives us the cancel handle.
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    if (cancelled.get()) return;
                    if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) {
                        listener.onToolCalls(response.aiMessage().toolExecutionRequests().stream()
                                        .map(t -> new ToolCall(t.id(), t.name(), t.arguments())).toList(),
                                usage(response.tokenUsage(), request, ""),
                                response.modelName() == null ? chatRequest.modelName() : response.modelName());
                        return;
                    }
                    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
                    listener.onComplete(text, usage(response.tokenUsage(), request, text),
                            response.modelName() == null ? chatRequest.modelName() : response.modelName());
                }

                @Override
                public void onError(Throwable error) {
                    if (!cancelled.get()) listener.onError(ProviderFailure.from(name, error));
                }
            });
        } catch (RuntimeException e) {
            listener.onError(ProviderFailure.from(name, e));
        }
        return () -> {
            cancelled.set(true);
            StreamingHandle h = handle.get();
            if (h != null) h.cancel();
        };
    }

    private static List<ChatMessage> messages(Request request) {
        List<ChatMessage> out = new ArrayList<>();
        out.add(SystemMessage.from(request.systemPrompt()));
        for (Turn t : request.turns()) out.add(t.role() == Role.USER ? UserMessage.from(t.text()) : AiMessage.from(t.text()));
        for (ToolRound round : request.toolRounds()) {
            out.add(AiMessage.from(round.calls().stream()
                    .map(c -> ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build()).toList()));
            for (int i = 0; i < round.calls().size(); i++)
                out.add(ToolExecutionResultMessage.from(round.calls().get(i).id(), round.calls().get(i).name(), round.results().get(i)));
        }
        return out;
    }

    private static ToolSpecification spec(Tool tool) {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        tool.parameters().forEach(parameters::addStringProperty);
        parameters.required(List.copyOf(tool.parameters().keySet()));
        return ToolSpecification.builder().name(tool.name()).description(tool.description()).parameters(parameters.build()).build();
    }

    /** The provider's counts when it sent them, otherwise an estimate (characters / 4), so budgets still apply. */
    private static Usage usage(TokenUsage reported, Request request, String reply) {
        int estimatedIn = TokenEstimate.of(request.systemPrompt())
                + request.turns().stream().mapToInt(t -> TokenEstimate.of(t.text())).sum();
        int in = reported != null && reported.inputTokenCount() != null ? reported.inputTokenCount() : estimatedIn;
        int out = reported != null && reported.outputTokenCount() != null ? reported.outputTokenCount() : TokenEstimate.of(reply);
        return new Usage(in, out);
    }
}
