package dev.kiln.server.ai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The replies generating on this node; all there is for a single instance, and each node's part with Redis. */
public class LocalInFlightReplies implements InFlightReplies {
    private record Running(long requesterId, AtomicBoolean stop) {}

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    @Override
    public void started(String responseId, long requesterId, AtomicBoolean stop) {
        running.put(responseId, new Running(requesterId, stop));
    }

    @Override
    public void finished(String responseId) {
        running.remove(responseId);
    }

    @Override
    public Long requesterOf(String responseId) {
        Running r = running.get(responseId);
        return r == null ? null : r.requesterId();
    }

    @Override
    public void stop(String responseId) {
        Running r = running.get(responseId);
        if (r != null) r.stop().set(true);
    }

    boolean isHere(String responseId) {
        return running.containsKey(responseId);
    }
}
