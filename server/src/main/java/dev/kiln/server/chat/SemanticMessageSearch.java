package dev.kiln.server.chat;

import java.util.List;

/**
 * Finds messages by meaning rather than by words; the assistant's embeddings implement it (ai/embed), so chat does
 * not depend on the AI feature. Without an implementation, hybrid search is full-text search.
 */
public interface SemanticMessageSearch {
    /** Ids of not-deleted messages in the user's conversations (or the one given) related to {@code query}, best first. */
    List<Long> similar(long userId, String query, Long conversationId, int limit);

    /** False when it would find nothing whatever the query (embeddings off, or the model failed to load). */
    boolean available();
}
