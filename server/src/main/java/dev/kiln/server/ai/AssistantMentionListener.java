package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.chat.MessageStored;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.ApiException;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Calls the assistant for ordinary chat messages: a group-room message mentioning {@code @assistant}, or any
 * message in the assistant's own DM. Never for the bot's own messages, nor for prompts sent with
 * {@code ai_chat_message} or {@code POST /api/ai/chat} (those are answered already).
 */
@Component
public class AssistantMentionListener {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@" + AssistantAccount.USERNAME + "(?![\\w.-])", Pattern.CASE_INSENSITIVE);
    private final AssistantService assistant;
    private final AssistantAccount bot;
    private final RoomFanout fanout;

    public AssistantMentionListener(AssistantService assistant, AssistantAccount bot, RoomFanout fanout) {
        this.assistant = assistant;
        this.bot = bot;
        this.fanout = fanout;
    }

    @EventListener
    public void onMessageStored(MessageStored event) {
        if (AssistantService.storingPrompt() || event.authorId() == bot.id()) return;
        String text = event.message().message();
        boolean calls = Conversation.GROUP.equals(event.conversationType())
                ? text != null && MENTION.matcher(text).find()
                : assistant.isBotMember(event.conversationId());
        if (!calls) return;
        AuthUser author = new AuthUser(event.authorId(), event.message().username(), 0);
        try {
            AssistantService.Job job = assistant.acceptStored(author, event.conversationId(), event.message());
            if (job != null) assistant.runAsync(job);
        } catch (ApiException e) {
            // The message itself is stored; only the assistant's answer is refused (rate limit, budget).
            fanout.publish(RoomFanout.userRoom(author.id()), "ai_error",
                    new AiEvents.Error(event.message().conversationId(), null, AssistantService.socketCode(e), e.getMessage()));
        }
    }
}
