package dev.kiln.server.realtime;

/** This node's side of fan-out: hands an event to the sockets connected here. */
public interface LocalRooms {
    void deliver(RoomEvent event);
}
