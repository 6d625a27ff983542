package dev.kiln.server.realtime;

import tools.jackson.databind.json.JsonMapper;

/** Fan-out for a single node: events go straight to the local sockets. */
public class InProcessRoomFanout extends EventRoomFanout {
    private final LocalRooms local;

    public InProcessRoomFanout(LocalRooms local, JsonMapper json, String nodeId) {
        super(json, nodeId);
        this.local = local;
    }

    @Override
    void dispatch(RoomEvent event) {
        local.deliver(event);
    }
}
