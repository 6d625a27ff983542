package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.insight.ToneAdvice;
import dev.kiln.server.shared.Ids;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the model sees: the system prompt, alone in its own field, then the most recent messages of the
 * conversation that fit the token budget (estimated as characters / 4). People's messages are user-role
 * turns quoted as data with their author's name; the assistant's own messages are assistant turns. Nothing
 * a person writes is ever put into the system prompt. (Summaries and retrieval come later.)
 */
@Component
public class ConversationContext {
    private final ChatService chat;
    private final AssistantAccount bot;
    private final KilnProperties.Ai ai;
    private final int pageMax;

    public ConversationContext(ChatService chat, AssistantAccount bot, KilnProperties props) {
        this.chat = chat;
        this.bot = bot;
        this.ai = props.ai();
        this.pageMax = props.limits().pageMax();
    }

    public AiProvider.Request build(AuthUser requester, String conversationId, String triggerMessageId, AiRoomSettings settings) {
        String systemPrompt = settings.systemPrompt() != null ? settings.systemPrompt() : ai.systemPrompt();
        int n = Math.max(1, Math.min(ai.contextMessages(), pageMax));
        List<MessageView> recent = new ArrayList<>(chat.page(requester, conversationId, null, null, n).messages());
        // Answer what was asked: messages that arrived after the trigger are not part of its context (ids sort by time).
        recent.removeIf(m -> m.id().compareTo(triggerMessageId) > 0);
        systemPrompt = ToneAdvice.adapt(systemPrompt, recent, triggerMessageId); // fixed text only, never people's words
        int budget = Math.max(0, ai.contextTokens() - TokenEstimate.of(systemPrompt));
        Deque<AiProvider.Turn> turns = new ArrayDeque<>();
        for (int i = recent.size() - 1; i >= 0; i--) {
            MessageView m = recent.get(i);
            if (m.deletedAt() != null || m.message() == null || m.message().isBlank()) continue;
            AiProvider.Turn turn = turn(m);
            int cost = TokenEstimate.of(turn.text());
            boolean isTrigger = m.id().equals(triggerMessageId);
            if (cost > budget && !isTrigger) break;
            budget -= cost;
            turns.addFirst(turn);
        }
        // Both APIs expect the conversation to open with a user turn.
        while (!turns.isEmpty() && turns.peekFirst().role() == AiProvider.Role.ASSISTANT) turns.removeFirst();
        return new AiProvider.Request(systemPrompt, List.copyOf(turns), null, settings.temperature(), ai.maxOutputTokens());
    }

    private AiProvider.Turn turn(MessageView m) {
        if (m.userId().equals(Ids.format(bot.id()))) return new AiProvider.Turn(AiProvider.Role.ASSISTANT, m.message());
        return new AiProvider.Turn(AiProvider.Role.USER, "[message from @" + m.username() + "]\n" + m.message());
    }
}
