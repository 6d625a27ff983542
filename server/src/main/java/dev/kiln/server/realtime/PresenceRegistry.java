package dev.kiln.server.realtime;

/**
 * Counts each user's open connections across all nodes: a user with several tabs is online until the
 * last one closes.
 */
public interface PresenceRegistry {
    /** Records one more connection; true when it is the user's first (they just came online). */
    boolean connected(long userId);

    /** Records one connection fewer; true when it was the user's last (they just went offline). */
    boolean disconnected(long userId);

    boolean isOnline(long userId);
}
