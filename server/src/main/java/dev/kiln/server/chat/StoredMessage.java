package dev.kiln.server.chat;

/**
 * A message row as stored.
 *
 * @param insight sentiment and language; null for a deleted message, or one not analysed yet
 */
public record StoredMessage(long id, long conversationId, long userId, String username, String body, Long replyTo,
                            Long threadId, String clientMessageId, long createdAt, Long editedAt, Long deletedAt,
                            MessageInsight insight) {
    /** A row without insights. */
    public StoredMessage(long id, long conversationId, long userId, String username, String body, Long replyTo,
                         Long threadId, String clientMessageId, long createdAt, Long editedAt, Long deletedAt) {
        this(id, conversationId, userId, username, body, replyTo, threadId, clientMessageId, createdAt, editedAt, deletedAt, null);
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
