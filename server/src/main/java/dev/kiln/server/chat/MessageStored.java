package dev.kiln.server.chat;

import dev.kiln.server.chat.ChatViews.MessageView;

/**
 * Published (as a Spring application event) after a new message is committed and broadcast, so other
 * features (the assistant, message analysis) can react without chat knowing about them.
 *
 * @param conversationType "group" or "direct"
 */
public record MessageStored(MessageView message, long conversationId, long authorId, String conversationType) {
}
