package dev.kiln.server.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.shared.ApiException;
import org.springframework.stereotype.Component;

/**
 * The type ("group" or "direct") of each conversation, remembered: a conversation's type never changes and
 * conversations are never deleted, so a send need not read the conversation's row each time (profiles of the
 * chat benchmark showed that lookup as the costliest part of a send before its commit). Unknown ids are not
 * remembered, so a conversation created on another instance is found on first use.
 */
@Component
public class ConversationTypes {
    private final ConversationRepository conversations;
    private final Cache<Long, String> types = Caffeine.newBuilder().maximumSize(100_000).build();

    public ConversationTypes(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /** @throws ApiException 404 when there is no such conversation */
    public String typeOf(long conversationId) {
        String type = types.getIfPresent(conversationId);
        if (type != null) return type;
        type = conversations.findById(conversationId).map(Conversation::type)
                .orElseThrow(() -> ApiException.notFound("no such conversation"));
        types.put(conversationId, type);
        return type;
    }
}
