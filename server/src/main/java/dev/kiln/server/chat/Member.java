package dev.kiln.server.chat;

/** A user's membership of a conversation. */
public record Member(long conversationId, long userId, String username, String role, long joinedAt, Long lastReadMessageId) {
    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    public boolean canManage() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }
}
