package dev.kiln.server.realtime;

/**
 * Delivers an event to every socket subscribed to a room, on every node. Rooms are named
 * {@code c:<conversationId>} (a conversation's members) and {@code u:<userId>} (all of one user's tabs).
 * The in-process adapter serves a single node; the Redis adapter relays through pub/sub so that
 * several nodes behind a load balancer act as one.
 */
public interface RoomFanout {

    /**
     * Sends {@code event} with {@code payload} (serialised to JSON once) to the room, minus every socket of
     * {@code exceptUserId} (on every node) if given.
     */
    void publish(String room, String event, Object payload, Long exceptUserId);

    default void publish(String room, String event, Object payload) {
        publish(room, event, payload, null);
    }

    /** Subscribes every socket in {@code room} (usually a user's room) to {@code targetRoom}, on every node. */
    void subscribe(String room, String targetRoom);

    /** Unsubscribes every socket in {@code room} from {@code targetRoom}, on every node. */
    void unsubscribe(String room, String targetRoom);

    static String conversationRoom(long conversationId) {
        return "c:" + conversationId;
    }

    static String userRoom(long userId) {
        return "u:" + userId;
    }
}
