package dev.kiln.server.chat;

import java.util.List;

/** Inputs to chat operations, shared by the REST API and the socket events. */
public final class ChatCommands {
    private ChatCommands() {}

    /** Create a room or a direct conversation. */
    public record CreateConversation(String name, String type, List<String> participantIds, String visibility) {}

    /** Send a message (REST body and send_message payload). */
    public record SendMessage(String conversationId, String message, String replyTo, String threadId,
                              String clientMessageId, List<String> attachmentIds) {}

    /** Rename or change visibility. */
    public record UpdateConversation(String name, String visibility) {}

    /** Add members. */
    public record AddMembers(List<String> userIds, String role) {}
}
