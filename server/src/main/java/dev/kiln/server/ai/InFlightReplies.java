package dev.kiln.server.ai;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The replies being generated on any node: who asked each, and a way to stop it wherever it runs, so that
 * {@code ai_cancel} works from any of the asker's tabs, whichever node the load balancer put them on.
 */
public interface InFlightReplies {

    /** A reply starts on this node; {@code stop} is set when anyone, on any node, stops it. */
    void started(String responseId, long requesterId, AtomicBoolean stop);

    /** The reply ended (answered, failed or stopped). */
    void finished(String responseId);

    /** Who asked for the reply generating under {@code responseId} on some node, or null when none is. */
    Long requesterOf(String responseId);

    /** Stops the reply wherever it is generating (a no-op when it has just finished). */
    void stop(String responseId);
}
