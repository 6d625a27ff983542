package dev.kiln.server.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Presence for a single node. */
public class InProcessPresence implements PresenceRegistry {
    private final Map<Long, Integer> connections = new ConcurrentHashMap<>();

    @Override
    public boolean connected(long userId) {
        return connections.merge(userId, 1, Integer::sum) == 1;
    }

    @Override
    public boolean disconnected(long userId) {
        Integer left = connections.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
        return left == null;
    }

    @Override
    public boolean isOnline(long userId) {
        return connections.containsKey(userId);
    }
}
