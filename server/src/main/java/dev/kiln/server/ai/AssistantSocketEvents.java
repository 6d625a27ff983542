package dev.kiln.server.ai;

import dev.kiln.server.realtime.socketio.SocketConnection;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import dev.kiln.server.realtime.SocketPayloads;

/**
 * The assistant's socket events: {@code ai_chat_message} (acked once the prompt is stored; the reply
 * streams afterwards) and {@code ai_cancel}. A refused prompt is answered through the ack and with an
 * {@code ai_error} event, so clients that only listen for ai_error see it too.
 */
@Component
public class AssistantSocketEvents {
    private final AssistantService assistant;
    private final SocketPayloads payloads;

    /** {@code threadId}: ask in that thread (the reply goes there); {@code replyTo}: the message asked about (what /translate translates). */
    record AiChatMessage(String conversationId, String message, String clientMessageId, String threadId, String replyTo) {}

    record AiCancel(String responseId) {}

    public AssistantSocketEvents(SocketIoHub hub, AssistantService assistant, SocketPayloads payloads) {
        this.assistant = assistant;
        this.payloads = payloads;
        hub.on("ai_chat_message", this::chat);
        hub.on("ai_cancel", (socket, payload) -> {
            assistant.cancel(SocketPayloads.caller(socket), payloads.read(payload, AiCancel.class).responseId());
            return null;
        });
    }

    private Object chat(SocketConnection socket, JsonNode payload) {
        AiChatMessage cmd = payloads.read(payload, AiChatMessage.class);
        try {
            AssistantService.Accepted accepted = assistant.accept(SocketPayloads.caller(socket), cmd.conversationId(), cmd.message(), cmd.clientMessageId(),
                    cmd.threadId(), cmd.replyTo());
            if (accepted.job() != null) assistant.runAsync(accepted.job());
            return new AiEvents.Accepted(true, accepted.messageId(), cmd.conversationId(),
                    accepted.job() == null ? null : accepted.job().responseId());
        } catch (ApiException e) {
            socket.emit("ai_error", new AiEvents.Error(cmd.conversationId(), null, AssistantService.socketCode(e), e.getMessage()));
            throw e;
        }
    }
}
