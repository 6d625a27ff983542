package dev.kiln.server.ops;

/**
 * Decides, from the running count of young collections, whether the heap should be kept tight (quiet server) or
 * roomy (busy server), with hysteresis: busy after {@value #BUSY_COLLECTIONS} young collections within
 * {@value #WINDOW_MILLIS} ms, quiet again after {@value #QUIET_MILLIS} ms without one. G1's periodic collection
 * of an idle heap runs at most once per {@code G1PeriodicGCInterval} (3 s), so it never counts as busy.
 */
final class FreeRatioSwitch {
    static final int BUSY_COLLECTIONS = 3;
    static final long WINDOW_MILLIS = 3_000;
    static final long QUIET_MILLIS = 2_000;

    /** {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio}, in percent. */
    record Bounds(int minFree, int maxFree) {}

    /** Tight: at most a fifth of the committed heap free after a marking cycle. */
    static final Bounds QUIET = new Bounds(5, 20);
    /**
     * Room for the young generation between cycles. Looser still (HotSpot's defaults, 40 / 70 %) cut the chat
     * benchmark's CPU no further but let the heap of 10,000 sockets being opened grow past 500 MB (run 19).
     */
    static final Bounds BUSY = new Bounds(20, 40);

    private final long[] times = new long[BUSY_COLLECTIONS]; // when the latest collections were seen, a ring
    private int next;

    FreeRatioSwitch() {
        java.util.Arrays.fill(times, Long.MIN_VALUE / 2);
    }

    private long lastCount = -1;
    private long lastCollectionAt = Long.MIN_VALUE / 2;
    private Bounds current = QUIET;

    /** Feeds the collection count at {@code nowMillis}; returns the bounds to switch to, or null to keep the current ones. */
    Bounds observe(long collections, long nowMillis) {
        if (lastCount >= 0 && collections > lastCount) {
            long seen = Math.min(collections - lastCount, BUSY_COLLECTIONS);
            for (int i = 0; i < seen; i++) {
                times[next] = nowMillis;
                next = (next + 1) % times.length;
            }
            lastCollectionAt = nowMillis;
        }
        lastCount = collections;
        Bounds wanted = current;
        if (current == QUIET && nowMillis - times[next] <= WINDOW_MILLIS) wanted = BUSY; // times[next]: the oldest of them
        else if (current == BUSY && nowMillis - lastCollectionAt >= QUIET_MILLIS) wanted = QUIET;
        if (wanted == current) return null;
        current = wanted;
        return wanted;
    }
}
