package dev.kiln.server.ai;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored rolling summary of each conversation (so memory survives reconnects and restarts). */
@Repository
public class ConversationMemoryRepository {
    /** A conversation's summary of every top-level message up to {@code coveredUntil}. */
    public record Summary(long conversationId, String text, long coveredUntil, String method, long updatedAt) {}

    private final JdbcClient jdbc;

    public ConversationMemoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Summary> find(long conversationId) {
        return jdbc.sql("SELECT * FROM ai_conversation_memory WHERE conversation_id = ?").param(conversationId)
                .query((rs, i) -> new Summary(rs.getLong("conversation_id"), rs.getString("summary"), rs.getLong("covered_until"),
                        rs.getString("method"), rs.getLong("updated_at"))).optional();
    }

    /** Replaces the summary unless a newer one (covering more) was stored meanwhile by another node. */
    public void save(Summary s) {
        jdbc.sql("""
                INSERT INTO ai_conversation_memory (conversation_id, summary, covered_until, method, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET summary = excluded.summary, covered_until = excluded.covered_until,
                  method = excluded.method, updated_at = excluded.updated_at
                WHERE ai_conversation_memory.covered_until < excluded.covered_until
                """).params(s.conversationId(), s.text(), s.coveredUntil(), s.method(), s.updatedAt()).update();
    }

    /** Top-level, not deleted, non-blank messages strictly between two ids: what aged out of the prompt since the last summary. */
    public int countBetween(long conversationId, long afterId, long beforeId) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND thread_id IS NULL AND deleted_at IS NULL "
                + "AND body <> '' AND id > ? AND id < ?").params(conversationId, afterId, beforeId).query(Integer.class).single();
    }
}
