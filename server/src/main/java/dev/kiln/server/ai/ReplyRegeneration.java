package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.chat.MessageRepository;
import dev.kiln.server.chat.StoredMessage;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import org.springframework.stereotype.Service;

/**
 * Regenerate: finds the question an assistant reply answered (the reply's {@code replyTo}) and has the
 * assistant answer it again as a new reply. The old reply stays; no new question is stored.
 */
@Service
public class ReplyRegeneration {
    private final ChatService chat;
    private final MessageRepository messages;
    private final AssistantAccount bot;
    private final AssistantService assistant;

    public ReplyRegeneration(ChatService chat, MessageRepository messages, AssistantAccount bot, AssistantService assistant) {
        this.chat = chat;
        this.messages = messages;
        this.bot = bot;
        this.assistant = assistant;
    }

    /** Checks the ids and the caller's rights and limits; returns the job that will answer again (not started). */
    public AssistantService.Accepted accept(AuthUser caller, String conversationId, String replyMessageId) {
        if (replyMessageId == null || replyMessageId.isBlank()) throw ApiException.invalidField("messageId", "must not be blank");
        Conversation c = chat.requireConversation(conversationId);
        chat.requireMember(c, caller.id());
        // Unknown, or in another conversation: the same answer, so ids of other rooms' messages are not confirmed.
        StoredMessage reply = messages.findById(Ids.parse("messageId", replyMessageId))
                .filter(m -> m.conversationId() == c.id())
                .orElseThrow(() -> ApiException.notFound("no such message in this conversation"));
        if (reply.userId() != bot.id() || reply.replyTo() == null)
            throw ApiException.invalidField("messageId", "must be one of the assistant's replies");
        StoredMessage question = messages.findById(reply.replyTo())
                .filter(m -> !m.deleted())
                .orElseThrow(() -> ApiException.badRequest("the question this reply answered was deleted, so it cannot be asked again"));
        AssistantService.Job job = assistant.acceptAgain(caller, c, Ids.format(question.id()), question.body(),
                question.threadId() == null ? null : Ids.format(question.threadId()), question.replyTo() == null ? null : Ids.format(question.replyTo()));
        return new AssistantService.Accepted(Ids.format(question.id()), job);
    }
}
