package dev.kiln.server.ai;

import dev.kiln.server.shared.Ids;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Produces the text of one assistant reply, streamed through {@code onDelta}: a skill ({@code /summarize},
 * {@code /translate}), or for chat the prompt from {@link ConversationContext}, then the response cache when
 * {@link CachePolicy} allows it, else the provider chain (whose answer then goes into the cache).
 */
@Component
public class AssistantReplies {
    private static final Logger log = LoggerFactory.getLogger(AssistantReplies.class);

    /** A finished reply and whether it came from the cache. */
    public record Answer(ProviderChain.Result result, boolean cached) {}

    private final ConversationContext context;
    private final ProviderChain chain;
    private final ResponseCache cache;
    private final CachePolicy policy;
    private final SummarizeSkill summarize;
    private final TranslateSkill translate;

    public AssistantReplies(ConversationContext context, ProviderChain chain, ResponseCache cache, CachePolicy policy, SummarizeSkill summarize,
                            TranslateSkill translate) {
        this.context = context;
        this.chain = chain;
        this.cache = cache;
        this.policy = policy;
        this.summarize = summarize;
        this.translate = translate;
    }

    /**
     * Fails fast, before anything is stored or anyone sees the assistant typing, when the command needs a model and
     * none is configured. {@code /summarize} never needs one.
     */
    public void requireAvailable(AssistantCommand command) {
        if (command.kind() == AssistantCommand.Kind.SUMMARIZE) return;
        if (chain.isEmpty() && command.kind() == AssistantCommand.Kind.TRANSLATE)
            throw new AiUnavailableException("Translation needs a language model, and none is configured on this server. To enable one, "
                    + "set KILN_AI_PROVIDER to local (a model run inside Kiln), or to openai or anthropic with KILN_AI_API_KEY and "
                    + "KILN_AI_MODEL (and KILN_AI_BASE_URL for any OpenAI-compatible server), then restart Kiln. /summarize works without a model.");
        chain.requireAnyReady();
    }

    public Answer answer(AssistantService.Job job, Consumer<String> onDelta, BooleanSupplier cancelled) {
        switch (job.command().kind()) {
            case SUMMARIZE -> {
                return new Answer(summarize.answer(job, onDelta, cancelled), false);
            }
            case TRANSLATE -> {
                return new Answer(translate.answer(job, onDelta, cancelled), false);
            }
            case CHAT -> {
                return chat(job, onDelta, cancelled);
            }
        }
        throw new IllegalStateException("unknown command " + job.command());
    }

    private Answer chat(AssistantService.Job job, Consumer<String> onDelta, BooleanSupplier cancelled) {
        AiRoomSettings settings = job.settings();
        long conversationId = job.conversation().id();
        ConversationContext.Assembled assembled = context.assemble(job.requester(), Ids.format(conversationId), job.promptMessageId(), settings);
        ResponseCache.Scope scope = new ResponseCache.Scope(assembled.request().systemPrompt(), settings.provider(), settings.model());
        CachePolicy.Decision decision = cache.enabled() ? policy.decide(assembled, conversationId, Ids.parse("messageId", job.promptMessageId())) : null;
        if (decision instanceof CachePolicy.Use use) {
            var hit = cache.lookup(scope, use.question(), use.vector());
            if (hit.isPresent()) {
                String text = hit.get().entry().answer();
                for (String piece : text.split("(?<=\\s)")) onDelta.accept(piece);
                return new Answer(new ProviderChain.Result(text, new AiProvider.Usage(0, 0), hit.get().entry().provider(),
                        hit.get().entry().model(), false), true);
            }
        } else if (decision instanceof CachePolicy.Bypass bypass) {
            cache.bypassed();
            log.debug("Response cache bypassed for {}: {}", job.responseId(), bypass.reason());
        }
        ProviderChain.Result result = chain.generate(assembled.request(), settings.provider(), settings.model(), onDelta, cancelled);
        if (decision instanceof CachePolicy.Use use && !result.cancelled() && result.text() != null && !result.text().isBlank())
            cache.store(scope, use.question(), use.vector(), result.text(), result.provider(), result.model());
        return new Answer(result, false);
    }
}
