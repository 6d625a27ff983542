package dev.kiln.server.realtime;

/**
 * What travels between nodes: an event already encoded as JSON, or a subscription change.
 *
 * @param kind "emit", "subscribe" or "unsubscribe"
 * @param exceptUserId for emit, a user none of whose sockets get it (typing: not echoed to the typist's other tabs)
 * @param target for subscribe/unsubscribe, the room to join or leave
 * @param originNode the node that published it (for send→deliver latency across nodes)
 * @param publishedAtNanos wall-clock nanos at publish, for the latency histogram
 */
public record RoomEvent(String kind, String room, String event, String json, Long exceptUserId, String target,
                        String originNode, long publishedAtMillis) {
}
