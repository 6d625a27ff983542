package dev.kiln.server.chat;

/** A room ("group") or a two-person conversation ("direct"). */
public record Conversation(long id, String name, String type, String visibility, long createdBy, long createdAt,
                           Long lastMessageAt) {
    public static final String GROUP = "group";
    public static final String DIRECT = "direct";
    public static final String PRIVATE = "private";
    public static final String PUBLIC = "public";

    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }
}
