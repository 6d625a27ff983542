package dev.kiln.server.chat;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of chat data, as docs/protocol.md describes them. */
public final class ChatViews {
    private ChatViews() {}

    /** A message as clients see it. */
    public record MessageView(String id, String conversationId, String userId, String username, String message,
                              String replyTo, ReplyPreview replyPreview, String threadId, int threadReplyCount,
                              String clientMessageId, List<AttachmentView> attachments, List<ReactionView> reactions,
                              List<String> mentions, Instant editedAt, Instant deletedAt, Instant createdAt,
                              MessageInsight.Sentiment sentiment, String language) {}

    /** The message a reply quotes. */
    public record ReplyPreview(String id, String username, String message) {}

    /** A file attached to a message. */
    public record AttachmentView(String id, String name, String contentType, long size, String url, String thumbnailUrl,
                                 Integer width, Integer height) {}

    /** One emoji's reactions on a message. */
    public record ReactionView(String emoji, int count, List<String> userIds) {}

    /** A member as clients see them; {@code lastReadMessageId} (null until they read) lets clients show "Seen by". */
    public record ParticipantView(String userId, String username, String role, String lastReadMessageId) {}

    /** A conversation in lists and answers. */
    public record ConversationView(String conversationId, String name, String type, String visibility, Instant createdAt,
                                   List<ParticipantView> participants, int memberCount, int unreadCount,
                                   MessageView lastMessage, String myRole) {}

    /** One page of a conversation's history. */
    public record ConversationPage(String conversationId, String name, String type, String visibility,
                                   List<MessageView> messages, List<ParticipantView> participants, boolean hasMore) {}

    /** A thread: its root and replies. */
    public record ThreadView(String threadId, MessageView root, List<MessageView> messages) {}

    /** The acknowledgement of a stored message. */
    public record SendAck(String messageId, String conversationId, Instant createdAt) {}

    /** A public room in the directory. */
    public record PublicRoom(String conversationId, String name, int memberCount, boolean joined) {}

    /** The reactions of one message after a toggle. */
    public record ReactionsChanged(String messageId, String conversationId, List<ReactionView> reactions) {}

    /** A tombstone notice. */
    public record MessageDeleted(String messageId, String conversationId, Instant deletedAt) {}

    /** Search hit: the message plus where it is. */
    public record SearchHit(@com.fasterxml.jackson.annotation.JsonUnwrapped MessageView message, String conversationName) {}

    /**
     * The answer of GET /api/chat/search. {@code mode} is the search that ran: "hybrid" only when meaning was
     * searched too, so a client that asked for hybrid learns when it fell back to "fulltext" (embeddings off).
     */
    public record SearchResults(List<SearchHit> results, String mode) {}
}
