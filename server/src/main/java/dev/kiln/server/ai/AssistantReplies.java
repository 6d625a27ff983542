package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.Ids;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Produces the text of one assistant reply, streamed through {@code onDelta}: a skill ({@code /summarize},
 * {@code /translate}), or for chat the prompt from {@link ConversationContext}, then the response cache when
 * {@link CachePolicy} allows it, else the provider chain, offering the allowed {@link AssistantTools} and running the
 * calls the model makes (up to {@code maxRounds} rounds), whose tool-free answer then goes into the cache. A provider
 * without tool calling may choose one tool first through {@link StructuredToolChoice}. Everything passes through
 * {@link OutputFilter} on its way out, so the room, the stored message and the cache see the same text.
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
    private final OutputFilter outputs;
    private final AssistantTools tools;
    private final StructuredToolChoice structured;
    private final String defaultSystemPrompt;

    public AssistantReplies(ConversationContext context, ProviderChain chain, ResponseCache cache, CachePolicy policy, SummarizeSkill summarize,
                            TranslateSkill translate, OutputFilter outputs, AssistantTools tools, StructuredToolChoice structured,
                            KilnProperties props) {
        this.outputs = outputs;
        this.tools = tools;
        this.structured = structured;
        this.defaultSystemPrompt = props.ai().systemPrompt();
        this.context = context;
        this.chain = chain;
        this.cache = cache;
        this.policy = policy;
        this.summarize = summarize;
        this.translate = translate;
    }

    /**
     * Before anything is stored: refuses {@code /translate} when no model is configured (a chat question is stored
     * first, like any message, and answered with ai_error; {@code /summarize} never needs a model).
     */
    public void refuseBeforeStoring(AssistantCommand command) {
        if (chain.isEmpty() && command.kind() == AssistantCommand.Kind.TRANSLATE)
            throw new AiUnavailableException("Translation needs a language model, and none is configured on this server. To enable one, "
                    + "set KILN_AI_PROVIDER to local (a model run inside Kiln), or to openai or anthropic with KILN_AI_API_KEY and "
                    + "KILN_AI_MODEL (and KILN_AI_BASE_URL for any OpenAI-compatible server), then restart Kiln. /summarize works without a model.");
    }

    /**
     * Fails fast, before anyone sees the assistant typing, when the command needs a model and none is configured or
     * ready (the local model still downloading, say). {@code /summarize} never needs one.
     */
    public void requireAvailable(AssistantCommand command) {
        refuseBeforeStoring(command);
        if (command.kind() != AssistantCommand.Kind.SUMMARIZE) chain.requireAnyReady();
    }

    /** Runs the job and returns its filtered text; what streams through {@code onDelta} is filtered the same way. */
    public Answer answer(AssistantService.Job job, Consumer<String> onDelta, BooleanSupplier cancelled) {
        String persona = job.settings().systemPrompt() != null ? job.settings().systemPrompt() : defaultSystemPrompt;
        OutputFilter.Filtered filtered = outputs.start(persona);
        Consumer<String> shown = delta -> {
            String out = filtered.accept(delta);
            if (!out.isEmpty()) onDelta.accept(out);
        };
        Produced produced = switch (job.command().kind()) {
            case SUMMARIZE -> new Produced(summarize.answer(job, shown, cancelled), false, null);
            case TRANSLATE -> new Produced(translate.answer(job, shown, cancelled), false, null);
            case CHAT -> chat(job, shown, cancelled);
        };
        ProviderChain.Result raw = produced.result();
        // A provider may answer without streaming; its text is then filtered and shown in one piece.
        if (!filtered.started() && raw.text() != null && !raw.text().isEmpty()) shown.accept(raw.text());
        String tail = filtered.finish();
        if (!tail.isEmpty()) onDelta.accept(tail);
        ProviderChain.Result result = new ProviderChain.Result(filtered.output(), raw.usage(), raw.provider(), raw.model(), raw.cancelled());
        if (produced.cacheUnder() != null && !result.cancelled() && !result.text().isBlank())
            cache.store(produced.cacheUnder().scope(), produced.cacheUnder().use().question(), produced.cacheUnder().use().vector(),
                    result.text(), result.provider(), result.model());
        return new Answer(result, produced.cached());
    }

    /** Where a chat answer goes in the cache. */
    private record CacheSlot(ResponseCache.Scope scope, CachePolicy.Use use) {}

    /** A reply before filtering; {@code cacheUnder} is set when its answer should be cached. */
    private record Produced(ProviderChain.Result result, boolean cached, CacheSlot cacheUnder) {}

    private Produced chat(AssistantService.Job job, Consumer<String> onDelta, BooleanSupplier cancelled) {
        AiRoomSettings settings = job.settings();
        long conversationId = job.conversation().id();
        ConversationContext.Assembled assembled = context.assemble(job.requester(), Ids.format(conversationId), job.promptMessageId(), settings);
        ResponseCache.Scope scope = new ResponseCache.Scope(assembled.request().systemPrompt(), settings.provider(), settings.model());
        CachePolicy.Decision decision = cache.enabled() ? policy.decide(assembled, conversationId, Ids.parse("messageId", job.promptMessageId())) : null;
        if (decision instanceof CachePolicy.Use use && !job.afresh()) {
            var hit = cache.lookup(scope, use.question(), use.vector());
            if (hit.isPresent()) {
                String text = hit.get().entry().answer();
                for (String piece : text.split("(?<=\\s)")) onDelta.accept(piece);
                return new Produced(new ProviderChain.Result(text, new AiProvider.Usage(0, 0), hit.get().entry().provider(),
                        hit.get().entry().model(), false), true, null);
            }
        } else if (decision instanceof CachePolicy.Bypass bypass) {
            cache.bypassed();
            log.debug("Response cache bypassed for {}: {}", job.responseId(), bypass.reason());
        }
        AiProvider.Request request = tools.offered().isEmpty() ? assembled.request() : assembled.request().withTools(tools.offered());
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        int inputTokens = 0;
        int outputTokens = 0;
        if (!tools.offered().isEmpty() && chain.toolCalling(settings.provider()) == AiProvider.ToolCalling.STRUCTURED) {
            StructuredToolChoice.Choice choice = structured.choose(assembled.request(), settings, cancelled);
            inputTokens += choice.usage().inputTokens();
            outputTokens += choice.usage().outputTokens();
            if (choice.call() != null && !cancelled.getAsBoolean()) {
                // The provider gets the result as text after the conversation (ProviderChain: requests without tools).
                request = request.withToolRound(new AiProvider.ToolRound(List.of(choice.call()), List.of(tools.call(job, choice.call()).result())));
                used.add(choice.call().name());
            }
        }
        // A model may write something before calling tools ("Let me look that up."); what it writes after the results
        // then starts a new paragraph instead of running on.
        java.util.concurrent.atomic.AtomicBoolean spoke = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean breakBefore = new java.util.concurrent.atomic.AtomicBoolean();
        Consumer<String> speaking = delta -> {
            if (breakBefore.getAndSet(false)) onDelta.accept("\n\n");
            spoke.set(true);
            onDelta.accept(delta);
        };
        ProviderChain.Result result;
        for (int round = 0; ; round++) {
            // After the last allowed round of tools the model must answer: no tools, their results as text.
            AiProvider.Request ask = round < tools.maxRounds() ? request : request.withoutTools();
            spoke.set(false);
            result = chain.generate(ask, settings.provider(), settings.model(), speaking, cancelled);
            inputTokens += result.usage().inputTokens();
            outputTokens += result.usage().outputTokens();
            if (result.toolCalls().isEmpty() || result.cancelled() || cancelled.getAsBoolean() || round >= tools.maxRounds()) break;
            if (spoke.get()) breakBefore.set(true);
            List<String> results = new java.util.ArrayList<>();
            for (AiProvider.ToolCall call : result.toolCalls()) {
                results.add(tools.call(job, call).result());
                used.add(call.name());
            }
            request = request.withToolRound(new AiProvider.ToolRound(result.toolCalls(), results));
        }
        if (!used.isEmpty()) onDelta.accept("\n\n_(tools used: " + String.join(", ", used) + ")_");
        result = new ProviderChain.Result(result.text(), new AiProvider.Usage(inputTokens, outputTokens), result.provider(), result.model(),
                result.cancelled());
        // An answer that used tools depends on this conversation (or started something): never cached.
        return new Produced(result, false, decision instanceof CachePolicy.Use use && used.isEmpty() ? new CacheSlot(scope, use) : null);
    }
}
