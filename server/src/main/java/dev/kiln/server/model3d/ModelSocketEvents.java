package dev.kiln.server.model3d;

import dev.kiln.server.realtime.SocketPayloads;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@code generate_3d_model} socket event: same rules as POST /api/3d/generate, answered through the ack. */
@Component
public class ModelSocketEvents {

    public ModelSocketEvents(SocketIoHub hub, ModelService models, SocketPayloads payloads) {
        hub.on("generate_3d_model", (socket, payload) -> {
            ModelCommands.Generate cmd = payloads.read(payload, ModelCommands.Generate.class);
            ModelViews.Accepted accepted = models.generate(SocketPayloads.caller(socket), cmd);
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("generationId", accepted.generationId());
            ack.put("status", accepted.status());
            ack.put("estimatedTime", accepted.estimatedTime());
            return ack;
        });
    }
}
