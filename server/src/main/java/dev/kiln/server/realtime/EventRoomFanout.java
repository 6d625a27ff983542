package dev.kiln.server.realtime;

import tools.jackson.databind.json.JsonMapper;

/** Builds the {@link RoomEvent}s of every fan-out adapter; each adapter only says where they go. */
abstract class EventRoomFanout implements RoomFanout {
    private final JsonMapper json;
    private final String nodeId;

    EventRoomFanout(JsonMapper json, String nodeId) {
        this.json = json;
        this.nodeId = nodeId;
    }

    /** Hands one event to the local sockets, or to every node. */
    abstract void dispatch(RoomEvent event);

    @Override
    public void publish(String room, String event, Object payload, Long exceptUserId) {
        dispatch(new RoomEvent("emit", room, event, json.writeValueAsString(payload), exceptUserId, null, nodeId,
                System.currentTimeMillis()));
    }

    @Override
    public void subscribe(String room, String targetRoom) {
        dispatch(new RoomEvent("subscribe", room, null, null, null, targetRoom, nodeId, System.currentTimeMillis()));
    }

    @Override
    public void unsubscribe(String room, String targetRoom) {
        dispatch(new RoomEvent("unsubscribe", room, null, null, null, targetRoom, nodeId, System.currentTimeMillis()));
    }
}
