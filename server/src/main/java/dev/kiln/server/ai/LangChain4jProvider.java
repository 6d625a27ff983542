package dev.kiln.server.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
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
 * Completions or Anthropic Messages over SSE); this adapter maps turns in and deltas, usage and errors out.
 */
final class LangChain4jProvider implements AiProvider {
    private final String name;
    private final String defaultModel;
    private final Duration timeout;
    private final StreamingChatModel model;

    LangChain4jProvider(String name, String defaultModel, Duration timeout, StreamingChatModel model) {
        this.name = name;
        this.defaultModel = defaultModel;
        this.timeout = timeout;
        this.model = model;
    }

    @Override public String name() { return name; }
    @Override public String defaultModel() { return defaultModel; }
    @Override public Duration timeout() { return timeout; }

    @Override
    public Stream stream(Request request, Listener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(messages(request))
                .modelName(request.model() == null ? defaultModel : request.model())
                .temperature(request.temperature())
                .maxOutputTokens(request.maxOutputTokens())
                .build();
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
        return out;
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
