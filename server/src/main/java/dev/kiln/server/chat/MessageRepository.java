package dev.kiln.server.chat;

import dev.kiln.server.shared.Rows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages, mentions and reactions in SQL. */
@Repository
public class MessageRepository {
    static final String SELECT = "SELECT g.id, g.conversation_id, g.user_id, u.username, g.body, g.reply_to, g.thread_id, "
            + "g.client_message_id, g.created_at, g.edited_at, g.deleted_at, g.sentiment, g.sentiment_score, g.language "
            + "FROM messages g JOIN users u ON u.id = g.user_id ";
    static final RowMapper<StoredMessage> ROW = (rs, i) -> new StoredMessage(rs.getLong("id"), rs.getLong("conversation_id"),
            rs.getLong("user_id"), rs.getString("username"), rs.getString("body"), Rows.nullableLong(rs, "reply_to"),
            Rows.nullableLong(rs, "thread_id"), rs.getString("client_message_id"), rs.getLong("created_at"),
            Rows.nullableLong(rs, "edited_at"), Rows.nullableLong(rs, "deleted_at"), insight(rs));

    private static MessageInsight insight(java.sql.ResultSet rs) throws java.sql.SQLException {
        String label = rs.getString("sentiment");
        if (label == null) return null;
        return new MessageInsight(new MessageInsight.Sentiment(label, rs.getDouble("sentiment_score")), rs.getString("language"));
    }

    /** One reaction row. */
    public record Reaction(long messageId, long userId, String emoji) {}

    /** One attachment row. */
    public record Attachment(long id, long messageId, String name, String contentType, long size, boolean hasThumbnail,
                             Integer width, Integer height) {}

    private final JdbcClient jdbc;

    public MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless this user already sent this client message id; returns whether a row was written. */
    public boolean insert(StoredMessage m) {
        MessageInsight insight = m.insight();
        return jdbc.sql("INSERT INTO messages (id, conversation_id, user_id, body, reply_to, thread_id, client_message_id, created_at, "
                        + "sentiment, sentiment_score, language) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, client_message_id) DO NOTHING")
                .params(m.id(), m.conversationId(), m.userId(), m.body(), m.replyTo(), m.threadId(), m.clientMessageId(), m.createdAt(),
                        label(insight), score(insight), insight == null ? null : insight.language())
                .update() == 1;
    }

    public Optional<StoredMessage> findById(long id) {
        return jdbc.sql(SELECT + "WHERE g.id = ?").param(id).query(ROW).optional();
    }

    public Optional<StoredMessage> findByClientId(long userId, String clientMessageId) {
        return jdbc.sql(SELECT + "WHERE g.user_id = ? AND g.client_message_id = ?").params(userId, clientMessageId).query(ROW).optional();
    }

    public List<StoredMessage> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql(SELECT + "WHERE g.id IN (:ids)").param("ids", ids).query(ROW).list();
    }

    /** The newest {@code limit} top-level messages before {@code before} (exclusive), oldest first. */
    public List<StoredMessage> pageBefore(long conversationId, Long before, int limit) {
        List<StoredMessage> newestFirst = jdbc.sql(SELECT + "WHERE g.conversation_id = ? AND g.thread_id IS NULL AND g.id < ? "
                        + "ORDER BY g.id DESC LIMIT ?")
                .params(conversationId, before == null ? Long.MAX_VALUE : before, limit).query(ROW).list();
        List<StoredMessage> result = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(result);
        return result;
    }

    /** The oldest {@code limit} top-level messages after {@code after} (exclusive), oldest first. */
    public List<StoredMessage> pageAfter(long conversationId, long after, int limit) {
        return jdbc.sql(SELECT + "WHERE g.conversation_id = ? AND g.thread_id IS NULL AND g.id > ? ORDER BY g.id LIMIT ?")
                .params(conversationId, after, limit).query(ROW).list();
    }

    /** Every message (thread replies too) after {@code after}, oldest first, for replay on reconnect. */
    public List<StoredMessage> allAfter(long conversationId, long after, int limit) {
        return jdbc.sql(SELECT + "WHERE g.conversation_id = ? AND g.id > ? ORDER BY g.id LIMIT ?")
                .params(conversationId, after, limit).query(ROW).list();
    }

    public Long latestId(long conversationId) {
        return jdbc.sql("SELECT MAX(id) AS max_id FROM messages WHERE conversation_id = ?").param(conversationId)
                .query((rs, i) -> Rows.nullableLong(rs, "max_id")).optional().orElse(null);
    }

    public List<StoredMessage> thread(long rootId, int limit) {
        return jdbc.sql(SELECT + "WHERE g.thread_id = ? ORDER BY g.id LIMIT ?").params(rootId, limit).query(ROW).list();
    }

    public Map<Long, Integer> threadReplyCounts(Collection<Long> rootIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (rootIds.isEmpty()) return counts;
        jdbc.sql("SELECT thread_id, COUNT(*) AS n FROM messages WHERE thread_id IN (:ids) AND deleted_at IS NULL GROUP BY thread_id")
                .param("ids", rootIds).query((rs, i) -> counts.put(rs.getLong("thread_id"), rs.getInt("n"))).list();
        return counts;
    }

    /** Replaces the text and, recomputed from it, the insights. */
    public void edit(long id, String body, MessageInsight insight, long at) {
        jdbc.sql("UPDATE messages SET body = ?, edited_at = ?, sentiment = ?, sentiment_score = ?, language = ? WHERE id = ?")
                .params(body, at, label(insight), score(insight), insight == null ? null : insight.language(), id).update();
    }

    /** Undeleted messages stored before insights existed (or whose analysis failed), oldest first. */
    public List<Unanalysed> unanalysed(long afterId, int limit) {
        return jdbc.sql("SELECT id, body FROM messages WHERE sentiment IS NULL AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query((rs, i) -> new Unanalysed(rs.getLong("id"), rs.getString("body"))).list();
    }

    /** A message awaiting analysis. */
    public record Unanalysed(long id, String body) {}

    /** Stores insights computed later, unless the message was edited (and analysed) or deleted meanwhile. */
    public void saveInsight(long id, MessageInsight insight) {
        jdbc.sql("UPDATE messages SET sentiment = ?, sentiment_score = ?, language = ? WHERE id = ? AND sentiment IS NULL "
                        + "AND deleted_at IS NULL")
                .params(label(insight), score(insight), insight.language(), id).update();
    }

    private static String label(MessageInsight insight) {
        return insight == null || insight.sentiment() == null ? null : insight.sentiment().label();
    }

    private static Double score(MessageInsight insight) {
        return insight == null || insight.sentiment() == null ? null : insight.sentiment().score();
    }

    /** Tombstones a message: the row and its place in history stay, the content (and what was read from it) goes. */
    public void tombstone(long id, long at) {
        jdbc.sql("UPDATE messages SET body = '', deleted_at = ?, sentiment = NULL, sentiment_score = NULL, language = NULL "
                + "WHERE id = ? AND deleted_at IS NULL").params(at, id).update();
        jdbc.sql("DELETE FROM reactions WHERE message_id = ?").param(id).update();
        jdbc.sql("DELETE FROM message_mentions WHERE message_id = ?").param(id).update();
        jdbc.sql("UPDATE files SET message_id = NULL WHERE message_id = ?").param(id).update();
    }

    public void insertMentions(long messageId, Collection<Long> userIds) {
        for (Long userId : userIds) {
            jdbc.sql("INSERT INTO message_mentions (message_id, user_id) VALUES (?, ?) ON CONFLICT (message_id, user_id) DO NOTHING")
                    .params(messageId, userId).update();
        }
    }

    public void replaceMentions(long messageId, Collection<Long> userIds) {
        jdbc.sql("DELETE FROM message_mentions WHERE message_id = ?").param(messageId).update();
        insertMentions(messageId, userIds);
    }

    public Map<Long, List<Long>> mentions(Collection<Long> messageIds) {
        Map<Long, List<Long>> result = new HashMap<>();
        if (messageIds.isEmpty()) return result;
        jdbc.sql("SELECT message_id, user_id FROM message_mentions WHERE message_id IN (:ids) ORDER BY user_id")
                .param("ids", messageIds)
                .query((rs, i) -> result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        return result;
    }

    /** Adds the reaction, or removes it when the user already gave it. Returns true when added. */
    public boolean toggleReaction(long messageId, long userId, String emoji, long now) {
        int removed = jdbc.sql("DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?")
                .params(messageId, userId, emoji).update();
        if (removed > 0) return false;
        jdbc.sql("INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)")
                .params(messageId, userId, emoji, now).update();
        return true;
    }

    /** Reactions grouped by message, each message's emojis in order of first use. */
    public Map<Long, Map<String, List<Long>>> reactions(Collection<Long> messageIds) {
        Map<Long, Map<String, List<Long>>> result = new HashMap<>();
        if (messageIds.isEmpty()) return result;
        jdbc.sql("SELECT message_id, user_id, emoji FROM reactions WHERE message_id IN (:ids) ORDER BY created_at, user_id")
                .param("ids", messageIds)
                .query((rs, i) -> result.computeIfAbsent(rs.getLong("message_id"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString("emoji"), k -> new ArrayList<>()).add(rs.getLong("user_id")))
                .list();
        return result;
    }

    /** Links uploads to a message: only the sender's own, unattached uploads to this conversation. */
    public int attachFiles(long messageId, long conversationId, long uploaderId, Collection<Long> fileIds) {
        if (fileIds.isEmpty()) return 0;
        return jdbc.sql("UPDATE files SET message_id = :message WHERE id IN (:ids) AND conversation_id = :conversation "
                        + "AND uploader_id = :uploader AND message_id IS NULL")
                .param("message", messageId).param("ids", fileIds).param("conversation", conversationId)
                .param("uploader", uploaderId).update();
    }

    public Map<Long, List<Attachment>> attachments(Collection<Long> messageIds) {
        Map<Long, List<Attachment>> result = new HashMap<>();
        if (messageIds.isEmpty()) return result;
        jdbc.sql("SELECT id, message_id, name, content_type, size_bytes, thumbnail_key, width, height FROM files "
                        + "WHERE message_id IN (:ids) ORDER BY id")
                .param("ids", messageIds)
                .query((rs, i) -> result.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>())
                        .add(new Attachment(rs.getLong("id"), rs.getLong("message_id"), rs.getString("name"),
                                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("thumbnail_key") != null,
                                Rows.nullableInt(rs, "width"), Rows.nullableInt(rs, "height"))))
                .list();
        return result;
    }
}
