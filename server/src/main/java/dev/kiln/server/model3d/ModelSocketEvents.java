package dev.kiln.server.model3d;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.shared.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The {@code generate_3d_model} socket event: same rules as POST /api/3d/generate, answered through the ack. */
@Component
public class ModelSocketEvents {

    public ModelSocketEvents(SocketIoHub hub, ModelService models, JsonMapper json) {
        hub.on("generate_3d_model", (socket, payload) -> {
            if (payload == null || !payload.isObject()) throw ApiException.badRequest("payload must be a JSON object");
            ModelCommands.Generate cmd;
            try {
                cmd = json.treeToValue(payload, ModelCommands.Generate.class);
            } catch (JacksonException e) {
                throw ApiException.badRequest("payload has the wrong shape: " + e.getOriginalMessage());
            }
            var p = socket.principal();
            ModelViews.Accepted accepted = models.generate(new AuthUser(p.userId(), p.username(), 0), cmd);
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("generationId", accepted.generationId());
            ack.put("status", accepted.status());
            ack.put("estimatedTime", accepted.estimatedTime());
            return ack;
        });
    }
}
