package dev.kiln.server.chat;

/**
 * Port through which chat asks another feature (insight/) to read a message's sentiment and language, so
 * chat stores the result without knowing how it is computed. Runs on the sender's thread before the write,
 * so it must be fast (microseconds) and must not throw.
 */
public interface MessageAnalyser {
    MessageInsight analyse(String text);
}
