package dev.kiln.server.ai;

import dev.kiln.server.realtime.SocketPayloads;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.shared.ApiException;
import org.springframework.stereotype.Component;

/**
 * {@code ai_regenerate {conversationId, messageId}}: answer again the question behind an assistant reply.
 * Acked like {@code ai_chat_message} (with the question's id and the new responseId) once accepted; the
 * reply streams afterwards. A refusal is the ack's {@code {error}} and an {@code ai_error} event.
 */
@Component
public class RegenerateSocketEvents {
    record AiRegenerate(String conversationId, String messageId) {}

    public RegenerateSocketEvents(SocketIoHub hub, ReplyRegeneration regeneration, AssistantService assistant, SocketPayloads payloads) {
        hub.on("ai_regenerate", (socket, payload) -> {
            AiRegenerate cmd = payloads.read(payload, AiRegenerate.class);
            try {
                AssistantService.Accepted accepted = regeneration.accept(SocketPayloads.caller(socket), cmd.conversationId(), cmd.messageId());
                assistant.runAsync(accepted.job());
                return new AiEvents.Accepted(true, accepted.messageId(), cmd.conversationId(), accepted.job().responseId());
            } catch (ApiException e) {
                socket.emit("ai_error", new AiEvents.Error(cmd.conversationId(), null, AssistantService.socketCode(e), e.getMessage()));
                throw e;
            }
        });
    }
}
