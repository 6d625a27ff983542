package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.realtime.socketio.SocketConnection;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant's socket events: {@code ai_chat_message} (acked once the prompt is stored; the reply
 * streams afterwards) and {@code ai_cancel}. A refused prompt is answered through the ack and with an
 * {@code ai_error} event, so clients that only listen for ai_error see it too.
 */
@Component
public class AssistantSocketEvents {
    private final AssistantService assistant;
    private final JsonMapper json;

    record AiChatMessage(String conversationId, String message, String clientMessageId) {}

    record AiCancel(String responseId) {}

    public AssistantSocketEvents(SocketIoHub hub, AssistantService assistant, JsonMapper json) {
        this.assistant = assistant;
        this.json = json;
        hub.on("ai_chat_message", this::chat);
        hub.on("ai_cancel", (socket, payload) -> {
            assistant.cancel(caller(socket), read(payload, AiCancel.class).responseId());
            return null;
        });
    }

    private Object chat(SocketConnection socket, JsonNode payload) {
        AiChatMessage cmd = read(payload, AiChatMessage.class);
        try {
            AssistantService.Accepted accepted = assistant.accept(caller(socket), cmd.conversationId(), cmd.message(), cmd.clientMessageId());
            if (accepted.job() != null) assistant.runAsync(accepted.job());
            return new AiEvents.Accepted(true, accepted.messageId(), cmd.conversationId(),
                    accepted.job() == null ? null : accepted.job().responseId());
        } catch (ApiException e) {
            socket.emit("ai_error", new AiEvents.Error(cmd.conversationId(), null, AssistantService.socketCode(e), e.getMessage()));
            throw e;
        }
    }

    private static AuthUser caller(SocketConnection socket) {
        var p = socket.principal();
        return new AuthUser(p.userId(), p.username(), 0);
    }

    private <T> T read(JsonNode payload, Class<T> type) {
        if (payload == null || !payload.isObject()) throw ApiException.badRequest("payload must be a JSON object");
        try {
            return json.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("payload has the wrong shape: " + e.getOriginalMessage());
        }
    }
}
