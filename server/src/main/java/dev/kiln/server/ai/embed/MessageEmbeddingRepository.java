package dev.kiln.server.ai.embed;

import dev.kiln.server.shared.Rows;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Message embeddings in SQL. A message counts as embedded only by the current model and for its current text
 * (same {@code edited_at}); deleted messages are never returned. Searches look at a window of the newest
 * messages so their cost stays bounded however long a conversation grows.
 */
@Repository
public class MessageEmbeddingRepository {
    /** A message that needs a vector. */
    public record Pending(long messageId, long conversationId, Long editedAt, String text) {}

    /** A message's vector, with who wrote it. */
    public record Stored(long messageId, long conversationId, long userId, float[] vector) {}

    private static final String CURRENT = "e.model = :model AND COALESCE(e.edited_at, -1) = COALESCE(g.edited_at, -1)";
    private static final RowMapper<Pending> PENDING = (rs, i) -> new Pending(rs.getLong("id"), rs.getLong("conversation_id"),
            Rows.nullableLong(rs, "edited_at"), rs.getString("body"));
    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(rs.getLong("id"), rs.getLong("conversation_id"),
            rs.getLong("user_id"), Vectors.fromBytes(rs.getBytes("vector")));

    private final JdbcClient jdbc;

    public MessageEmbeddingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes (or replaces) one vector per item, in one statement each. Call inside a transaction for a batch. */
    public void save(String model, Pending item, float[] vector, long now) {
        jdbc.sql("""
                INSERT INTO message_embeddings (message_id, conversation_id, model, edited_at, vector, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (message_id) DO UPDATE SET model = excluded.model, edited_at = excluded.edited_at, vector = excluded.vector,
                  created_at = excluded.created_at
                """).params(item.messageId(), item.conversationId(), model, item.editedAt(), Vectors.toBytes(vector), now).update();
    }

    /** The message as it is now, when it still needs a vector (not deleted, not blank, not already embedded as it reads now). */
    public List<Pending> pending(long messageId, String model) {
        return jdbc.sql("SELECT g.id, g.conversation_id, g.edited_at, g.body FROM messages g LEFT JOIN message_embeddings e ON "
                        + "e.message_id = g.id AND " + CURRENT + " WHERE g.id = :id AND g.deleted_at IS NULL AND e.message_id IS NULL")
                .param("id", messageId).param("model", model).query(PENDING).list().stream().filter(p -> !p.text().isBlank()).toList();
    }

    /** Messages before {@code beforeId} among the newest {@code window} of a conversation that still need a vector, newest first. */
    public List<Pending> missingInConversation(long conversationId, long beforeId, String model, int window, int limit) {
        return jdbc.sql("SELECT g.id, g.conversation_id, g.edited_at, g.body FROM messages g LEFT JOIN message_embeddings e ON "
                        + "e.message_id = g.id AND " + CURRENT + " WHERE g.conversation_id = :c AND g.id < :before AND g.deleted_at IS NULL "
                        + "AND g.body <> '' AND e.message_id IS NULL AND g.id >= (SELECT COALESCE(MIN(w.id), 0) FROM (SELECT id FROM messages "
                        + "WHERE conversation_id = :c ORDER BY id DESC LIMIT :window) w) ORDER BY g.id DESC LIMIT :limit")
                .param("c", conversationId).param("before", beforeId).param("model", model).param("window", window).param("limit", limit)
                .query(PENDING).list();
    }

    /** Messages among the newest {@code window} of the user's conversations that still need a vector, newest first. */
    public List<Pending> missingForUser(long userId, String model, int window, int limit) {
        return jdbc.sql("SELECT g.id, g.conversation_id, g.edited_at, g.body FROM messages g LEFT JOIN message_embeddings e ON "
                        + "e.message_id = g.id AND " + CURRENT + " WHERE " + MINE + " AND g.deleted_at IS NULL AND g.body <> '' "
                        + "AND e.message_id IS NULL AND g.id >= (SELECT COALESCE(MIN(w.id), 0) FROM (SELECT m.id FROM messages m "
                        + "WHERE m.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = :user) "
                        + "ORDER BY m.id DESC LIMIT :window) w) ORDER BY g.id DESC LIMIT :limit")
                .param("user", userId).param("model", model).param("window", window).param("limit", limit).query(PENDING).list();
    }

    private static final String MINE = "g.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = :user)";

    /** Current vectors of the conversation's newest {@code limit} embedded messages before {@code beforeId}, newest first. */
    public List<Stored> inConversation(long conversationId, String model, long beforeId, int limit) {
        return jdbc.sql("SELECT g.id, g.conversation_id, g.user_id, e.vector FROM message_embeddings e JOIN messages g ON g.id = e.message_id "
                        + "WHERE e.conversation_id = :c AND e.message_id < :before AND g.deleted_at IS NULL AND " + CURRENT
                        + " ORDER BY e.message_id DESC LIMIT :limit")
                .param("c", conversationId).param("before", beforeId).param("model", model).param("limit", limit).query(STORED).list();
    }

    /** Current vectors of the newest {@code limit} embedded messages in the user's conversations (optionally one of them). */
    public List<Stored> forUser(long userId, Long conversationId, String model, int limit) {
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT g.id, g.conversation_id, g.user_id, e.vector FROM message_embeddings e "
                        + "JOIN messages g ON g.id = e.message_id WHERE " + MINE + (conversationId == null ? "" : " AND g.conversation_id = :c")
                        + " AND g.deleted_at IS NULL AND " + CURRENT + " ORDER BY e.message_id DESC LIMIT :limit")
                .param("user", userId).param("model", model).param("limit", limit);
        if (conversationId != null) spec = spec.param("c", conversationId);
        return spec.query(STORED).list();
    }

    /** Current vectors of the given messages, by message id (missing ones are simply absent). */
    public java.util.Map<Long, float[]> vectors(java.util.Collection<Long> messageIds, String model) {
        java.util.Map<Long, float[]> out = new java.util.HashMap<>();
        if (messageIds.isEmpty()) return out;
        jdbc.sql("SELECT g.id, g.conversation_id, g.user_id, e.vector FROM message_embeddings e JOIN messages g ON g.id = e.message_id "
                        + "WHERE e.message_id IN (:ids) AND " + CURRENT)
                .param("ids", messageIds).param("model", model).query(STORED).list().forEach(s -> out.put(s.messageId(), s.vector()));
        return out;
    }

    /** How many current vectors a conversation's live messages have (tests and diagnostics). */
    public int count(long conversationId, String model) {
        return jdbc.sql("SELECT COUNT(*) FROM message_embeddings e JOIN messages g ON g.id = e.message_id WHERE e.conversation_id = :c AND "
                + "g.deleted_at IS NULL AND " + CURRENT).param("c", conversationId).param("model", model).query(Integer.class).single();
    }
}
