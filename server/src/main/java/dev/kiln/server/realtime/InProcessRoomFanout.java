package dev.kiln.server.realtime;

import tools.jackson.databind.json.JsonMapper;

/** Fan-out for a single node: events go straight to the local sockets. */
public class InProcessRoomFanout implements RoomFanout {
    private final LocalRooms local;
    private final JsonMapper json;
    private final String nodeId;

    public InProcessRoomFanout(LocalRooms local, JsonMapper json, String nodeId) {
        this.local = local;
        this.json = json;
        this.nodeId = nodeId;
    }

    @Override
    public void publish(String room, String event, Object payload, String exceptSocketId) {
        local.deliver(new RoomEvent("emit", room, event, json.writeValueAsString(payload), exceptSocketId, null, nodeId,
                System.currentTimeMillis()));
    }

    @Override
    public void subscribe(String room, String targetRoom) {
        local.deliver(new RoomEvent("subscribe", room, null, null, null, targetRoom, nodeId, System.currentTimeMillis()));
    }

    @Override
    public void unsubscribe(String room, String targetRoom) {
        local.deliver(new RoomEvent("unsubscribe", room, null, null, null, targetRoom, nodeId, System.currentTimeMillis()));
    }
}
