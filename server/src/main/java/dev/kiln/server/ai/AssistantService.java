package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.chat.ConversationRepository;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the assistant in a conversation: checks limits, stores the asker's message through {@link ChatService}
 * (so it is broadcast like any message), streams the reply to the room as {@code ai_response_chunk} while the
 * room sees the assistant typing, stores the reply as the bot (replying to the question) and announces it
 * with {@code ai_response}. Failures reach the asker as {@code ai_error}. A cancelled reply keeps what was
 * streamed, stored with a note; a reply cancelled before its first word stores nothing.
 */
@Service
public class AssistantService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AssistantService.class);
    private static final ThreadLocal<Boolean> STORING_PROMPT = new ThreadLocal<>();

    /**
     * A request the assistant has accepted and will answer.
     *
     * @param threadId the thread the question was asked in (the reply goes there too), or null
     * @param replyTo  the message the question replies to (what {@code /translate} translates), or null
     * @param afresh    a regenerated answer: never taken from the response cache
     */
    public record Job(AuthUser requester, Conversation conversation, String promptMessageId, String responseId, AiRoomSettings settings,
                      AssistantCommand command, String threadId, String replyTo, boolean afresh) {}

    /** The stored prompt's id, and the job answering it (null when a retried clientMessageId matched an earlier prompt). */
    public record Accepted(String messageId, Job job) {}

    private final ChatService chat;
    private final ConversationRepository conversations;
    private final ProviderChain chain;
    private final AssistantReplies replies;
    private final AssistantAccount bot;
    private final AiSettingsRepository settings;
    private final AiUsageRepository usage;
    private final AiLimits limits;
    private final RoomFanout fanout;
    private final Clock clock;
    private final int messageMaxChars;
    private final InFlightReplies inFlight;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kiln-ai-", 0).factory());

    public AssistantService(ChatService chat, ConversationRepository conversations, ProviderChain chain, AssistantReplies replies,
                            AssistantAccount bot, AiSettingsRepository settings, AiUsageRepository usage, AiLimits limits,
                            RoomFanout fanout, InFlightReplies inFlight, Clock clock, KilnProperties props) {
        this.chat = chat;
        this.conversations = conversations;
        this.chain = chain;
        this.replies = replies;
        this.bot = bot;
        this.settings = settings;
        this.usage = usage;
        this.limits = limits;
        this.fanout = fanout;
        this.inFlight = inFlight;
        this.clock = clock;
        this.messageMaxChars = props.limits().messageMaxChars();
    }

    /** True while this thread stores a prompt that the assistant will answer anyway (so the mention listener skips it). */
    static boolean storingPrompt() {
        return Boolean.TRUE.equals(STORING_PROMPT.get());
    }

    /**
     * Validates and stores the asker's message, and returns the job that will answer it. Throws ApiException
     * before storing anything when a check fails.
     */
    public Accepted accept(AuthUser requester, String conversationId, String text, String clientMessageId) {
        return accept(requester, conversationId, text, clientMessageId, null, null);
    }

    /** As above, for a question asked in a thread ({@code threadId}) or in reply to a message ({@code replyTo}); both may be null. */
    public Accepted accept(AuthUser requester, String conversationId, String text, String clientMessageId, String threadId, String replyTo) {
        limits.checkInput(text);
        Conversation c = chat.requireConversation(conversationId);
        chat.requireMember(c, requester.id());
        AiRoomSettings roomSettings = requireAnswerable(c);
        AssistantCommand command = AssistantCommand.parse(text);
        replies.refuseBeforeStoring(command);
        limits.checkRequest(requester.id());
        ChatService.SendOutcome outcome;
        STORING_PROMPT.set(true);
        try {
            outcome = chat.send(requester, new SendMessage(conversationId, text, blankToNull(replyTo), blankToNull(threadId), clientMessageId, null));
        } finally {
            STORING_PROMPT.remove();
        }
        if (!outcome.created()) return new Accepted(outcome.ack().messageId(), null);
        return new Accepted(outcome.ack().messageId(), new Job(requester, c, outcome.ack().messageId(), Ids.format(Ids.next()), roomSettings,
                command, outcome.message().threadId(), outcome.message().replyTo(), false));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * A question that is already stored, answered again (regenerate): the same checks and limits as
     * {@link #accept}, but nothing new is stored; the new reply answers the same question.
     */
    public Job acceptAgain(AuthUser requester, Conversation c, String questionMessageId, String questionText) {
        return acceptAgain(requester, c, questionMessageId, questionText, null, null);
    }

    /** As above, for a question asked in a thread or in reply to a message (a skill command is run again too). */
    public Job acceptAgain(AuthUser requester, Conversation c, String questionMessageId, String questionText, String threadId, String replyTo) {
        limits.checkInput(questionText);
        chat.requireMember(c, requester.id());
        AiRoomSettings roomSettings = requireAnswerable(c);
        AssistantCommand command = AssistantCommand.parse(questionText);
        replies.refuseBeforeStoring(command);
        limits.checkRequest(requester.id());
        return new Job(requester, c, questionMessageId, Ids.format(Ids.next()), roomSettings, command, threadId, replyTo, true);
    }

    /** A stored message that calls the assistant (a mention, or a message in its own DM); null when the room has it off. */
    Job acceptStored(AuthUser author, long conversationId, MessageView message) {
        Conversation c = chat.requireConversation(Ids.format(conversationId));
        AiRoomSettings roomSettings = settings.findOrDefaults(c.id());
        if (!roomSettings.enabled() || !bot.usable()) return null;
        AssistantCommand command = AssistantCommand.parse(message.message());
        replies.refuseBeforeStoring(command);
        limits.checkRequest(author.id());
        return new Job(author, c, message.id(), Ids.format(Ids.next()), roomSettings, command, message.threadId(), message.replyTo(), false);
    }

    /** Answers in the background (socket and mention paths); errors are reported with ai_error. */
    public void runAsync(Job job) {
        workers.execute(() -> {
            try {
                run(job);
            } catch (ApiException reported) {
                // already sent to the asker as ai_error
            } catch (RuntimeException e) {
                log.error("Assistant reply {} failed", job.responseId(), e);
            }
        });
    }

    /** Answers and returns the stored reply; throws ApiException (503 when no provider answers) after telling the asker with ai_error. */
    public AiEvents.Response run(Job job) {
        Conversation c = job.conversation();
        String conversationId = Ids.format(c.id());
        String room = RoomFanout.conversationRoom(c.id());
        AtomicBoolean cancelled = new AtomicBoolean();
        inFlight.started(job.responseId(), job.requester().id(), cancelled);
        long started = System.nanoTime();
        boolean typing = false;
        boolean unregistered = false;
        try {
            replies.requireAvailable(job.command());
            ensureBotIsMember(c);
            typing(c, true);
            typing = true;
            AssistantReplies.Answer answer = replies.answer(job,
                    delta -> fanout.publish(room, "ai_response_chunk", new AiEvents.Chunk(job.responseId(), conversationId, delta)),
                    cancelled::get);
            ProviderChain.Result result = answer.result();
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            String text = replyText(result, job.requester());
            String storedId = null;
            if (text != null) {
                storedId = chat.sendAsBot(bot.asCaller(), new SendMessage(conversationId, text, job.promptMessageId(), job.threadId(),
                        "ai-" + job.responseId(), null)).ack().messageId();
            }
            limits.record(job.requester().id(), result.usage().totalTokens());
            usage.logResponse(c.id(), job.requester().id(), Ids.parse("messageId", job.promptMessageId()),
                    storedId == null ? null : Ids.parse("messageId", storedId), result.provider(), result.model(),
                    result.usage().inputTokens(), result.usage().outputTokens(), latencyMs,
                    result.cancelled() ? "cancelled" : answer.cached() ? "cached" : "answered",
                    clock.millis());
            AiEvents.Response response = new AiEvents.Response(storedId, job.responseId(), conversationId, text == null ? "" : text,
                    result.provider(), result.model(), AiEvents.UsageView.of(result.usage()), latencyMs, result.cancelled(), answer.cached());
            // Unregistered before the end is announced, so a cancel sent after ai_response finds nothing to stop on any node.
            inFlight.finished(job.responseId());
            unregistered = true;
            fanout.publish(room, "ai_response", response);
            return response;
        } catch (ApiException e) {
            inFlight.finished(job.responseId());
            unregistered = true;
            fanout.publish(RoomFanout.userRoom(job.requester().id()), "ai_error",
                    new AiEvents.Error(conversationId, job.responseId(), socketCode(e), e.getMessage()));
            usage.logResponse(c.id(), job.requester().id(), Ids.parse("messageId", job.promptMessageId()), null, null, null, 0, 0,
                    (System.nanoTime() - started) / 1_000_000, "failed", clock.millis());
            throw e;
        } finally {
            if (!unregistered) inFlight.finished(job.responseId());
            if (typing) typing(c, false);
        }
    }

    /** Stops a reply in progress on any node; only the person who asked may stop it. */
    public void cancel(AuthUser caller, String responseId) {
        Long requesterId = responseId == null || responseId.isBlank() ? null : inFlight.requesterOf(responseId);
        if (requesterId == null) throw ApiException.notFound("no reply in progress with that responseId");
        if (requesterId != caller.id()) throw ApiException.forbidden("only the person who asked can stop this reply");
        inFlight.stop(responseId);
    }

    /** The assistant's DM-like room with this user, created on first use. */
    public Conversation privateConversation(AuthUser user) {
        return chat.requireConversation(chat.directConversation(user, bot.id()).conversation().conversationId());
    }

    /** The assistant answers in group rooms (where it joins on first use) and in its own DM, never in other people's DMs. */
    private AiRoomSettings requireAnswerable(Conversation c) {
        if (!bot.usable()) throw new AiUnavailableException("the assistant's account name is taken by a person; ask an administrator");
        if (Conversation.DIRECT.equals(c.type()) && conversations.member(c.id(), bot.id()).isEmpty())
            throw ApiException.forbidden("the assistant does not join direct conversations; ask it in a room or in its own conversation");
        AiRoomSettings s = settings.findOrDefaults(c.id());
        if (!s.enabled()) throw ApiException.forbidden("the assistant is turned off in this room; an owner or admin can turn it on");
        return s;
    }

    boolean isBotMember(long conversationId) {
        return conversations.member(conversationId, bot.id()).isPresent();
    }

    private void ensureBotIsMember(Conversation c) {
        chat.addBotMember(c.id(), bot.id());
    }

    private String replyText(ProviderChain.Result result, AuthUser requester) {
        String text = result.text() == null ? "" : result.text();
        if (result.cancelled()) {
            if (text.isBlank()) return null;
            // The note is cut from the end last: a long reply stopped past the message limit still says it was stopped.
            String note = "\n\n_(stopped by @" + requester.username() + ")_";
            int room = messageMaxChars - note.length();
            return room > 1 ? fit(text, room) + note : fit(text + note, messageMaxChars);
        }
        return fit(text.isBlank() ? "_(the model returned an empty answer)_" : text, messageMaxChars);
    }

    /** At most {@code max} characters: cut with an ellipsis, never between the two halves of a surrogate pair. */
    private static String fit(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    private void typing(Conversation c, boolean on) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", Ids.format(c.id()));
        body.put("userId", Ids.format(bot.id()));
        body.put("username", AssistantAccount.USERNAME);
        body.put("typing", on);
        fanout.publish(RoomFanout.conversationRoom(c.id()), "typing", body);
    }

    static String socketCode(ApiException e) {
        return "validation_failed".equals(e.code()) ? "bad_request" : e.code();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
