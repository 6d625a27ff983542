package dev.kiln.server.chat;

/** A message row as stored. */
public record StoredMessage(long id, long conversationId, long userId, String username, String body, Long replyTo,
                            Long threadId, String clientMessageId, long createdAt, Long editedAt, Long deletedAt) {
    public boolean deleted() {
        return deletedAt != null;
    }
}
