package dev.kiln.server.realtime;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.realtime.socketio.SocketConnection;
import dev.kiln.server.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every feature's socket handlers need: the payload as a typed record, and the caller. */
@Component
public class SocketPayloads {
    private final JsonMapper json;

    public SocketPayloads(JsonMapper json) {
        this.json = json;
    }

    /** The payload bound to {@code type}, or a bad_request error that says what is wrong with it. */
    public <T> T read(JsonNode payload, Class<T> type) {
        if (payload == null || !payload.isObject()) throw ApiException.badRequest("payload must be a JSON object");
        try {
            return json.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("payload has the wrong shape: " + e.getOriginalMessage());
        }
    }

    /** The signed-in user behind an authenticated socket. */
    public static AuthUser caller(SocketConnection socket) {
        var p = socket.principal();
        return new AuthUser(p.userId(), p.username(), 0);
    }
}
