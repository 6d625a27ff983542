package dev.kiln.server.chat;

import dev.kiln.server.account.UserRepository;
import dev.kiln.server.shared.SqlLike;
import dev.kiln.server.shared.Rows;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations and their members in SQL. */
@Repository
public class ConversationRepository {
    private static final RowMapper<Conversation> CONVERSATION = (rs, i) -> new Conversation(rs.getLong("id"),
            rs.getString("name"), rs.getString("type"), rs.getString("visibility"), rs.getLong("created_by"),
            rs.getLong("created_at"), Rows.nullableLong(rs, "last_message_at"));
    private static final RowMapper<Member> MEMBER = (rs, i) -> new Member(rs.getLong("conversation_id"),
            rs.getLong("user_id"), rs.getString("username"), rs.getString("role"), rs.getLong("joined_at"),
            Rows.nullableLong(rs, "last_read_message_id"));
    private static final String MEMBER_SELECT = "SELECT m.conversation_id, m.user_id, u.username, m.role, m.joined_at, "
            + "m.last_read_message_id FROM conversation_members m JOIN users u ON u.id = m.user_id ";

    /** One row of "my conversations", with the counts a list needs. */
    public record Summary(Conversation conversation, String myRole, int memberCount, int unread, Long lastMessageId) {}

    private final JdbcClient jdbc;

    public ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Conversation c, String directKey) {
        jdbc.sql("INSERT INTO conversations (id, name, type, visibility, created_by, created_at, direct_key) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.name(), c.type(), c.visibility(), c.createdBy(), c.createdAt(), directKey).update();
    }

    public Optional<Conversation> findById(long id) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ?").param(id).query(CONVERSATION).optional();
    }

    public Optional<Conversation> findByDirectKey(String key) {
        return jdbc.sql("SELECT * FROM conversations WHERE direct_key = ?").param(key).query(CONVERSATION).optional();
    }

    /** Adds members; those already in keep their role. Returns how many were new. */
    public int addMembers(long conversationId, Collection<Long> userIds, String role, long now) {
        int added = 0;
        for (Long userId : userIds) {
            added += jdbc.sql("INSERT INTO conversation_members (conversation_id, user_id, role, joined_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (conversation_id, user_id) DO NOTHING")
                    .params(conversationId, userId, role, now).update();
        }
        return added;
    }

    public boolean removeMember(long conversationId, long userId) {
        return jdbc.sql("DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, userId).update() == 1;
    }

    public Optional<Member> member(long conversationId, long userId) {
        return jdbc.sql(MEMBER_SELECT + "WHERE m.conversation_id = ? AND m.user_id = ?")
                .params(conversationId, userId).query(MEMBER).optional();
    }

    /**
     * The members of a conversation among the given usernames, in one query: user ids by username key
     * (usernames match case-insensitively, see {@link UserRepository#key}).
     */
    public Map<String, Long> memberIdsByUsernameKey(long conversationId, Collection<String> usernames) {
        Map<String, Long> found = new HashMap<>();
        if (usernames.isEmpty()) return found;
        jdbc.sql("SELECT u.username_key, m.user_id FROM conversation_members m JOIN users u ON u.id = m.user_id "
                        + "WHERE m.conversation_id = :c AND u.username_key IN (:keys)")
                .param("c", conversationId)
                .param("keys", usernames.stream().map(UserRepository::key).distinct().toList())
                .query((rs, i) -> found.put(rs.getString(1), rs.getLong(2)))
                .list();
        return found;
    }

    public List<Member> members(long conversationId) {
        return jdbc.sql(MEMBER_SELECT + "WHERE m.conversation_id = ? ORDER BY m.joined_at, m.user_id")
                .param(conversationId).query(MEMBER).list();
    }

    public List<Member> members(long conversationId, int limit) {
        return jdbc.sql(MEMBER_SELECT + "WHERE m.conversation_id = ? ORDER BY m.joined_at, m.user_id LIMIT ?")
                .params(conversationId, limit).query(MEMBER).list();
    }

    public int memberCount(long conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ?").param(conversationId)
                .query(Integer.class).single();
    }

    /** Distinct other members of the user's conversations that have at most {@code maxMembers} members. */
    public List<Long> contactsOf(long userId, int maxMembers) {
        return jdbc.sql("""
                SELECT DISTINCT other.user_id FROM conversation_members mine
                JOIN conversation_members other ON other.conversation_id = mine.conversation_id AND other.user_id <> mine.user_id
                WHERE mine.user_id = ?
                  AND (SELECT COUNT(*) FROM conversation_members x WHERE x.conversation_id = mine.conversation_id) <= ?
                """).params(userId, maxMembers).query(Long.class).list();
    }

    public List<Long> conversationIdsOf(long userId) {
        return jdbc.sql("SELECT conversation_id FROM conversation_members WHERE user_id = ?").param(userId)
                .query(Long.class).list();
    }

    public void setRole(long conversationId, long userId, String role) {
        jdbc.sql("UPDATE conversation_members SET role = ? WHERE conversation_id = ? AND user_id = ?")
                .params(role, conversationId, userId).update();
    }

    public void update(long id, String name, String visibility) {
        jdbc.sql("UPDATE conversations SET name = ?, visibility = ? WHERE id = ?").params(name, visibility, id).update();
    }

    public void touch(long id, long at) {
        jdbc.sql("UPDATE conversations SET last_message_at = ? WHERE id = ? AND (last_message_at IS NULL OR last_message_at < ?)")
                .params(at, id, at).update();
    }

    /** Moves the read marker forward only (an older receipt never un-reads newer messages). */
    public void markRead(long conversationId, long userId, long messageId) {
        jdbc.sql("UPDATE conversation_members SET last_read_message_id = ? WHERE conversation_id = ? AND user_id = ? "
                        + "AND (last_read_message_id IS NULL OR last_read_message_id < ?)")
                .params(messageId, conversationId, userId, messageId).update();
    }

    public List<Summary> summariesFor(long userId) {
        return jdbc.sql("""
                SELECT c.*, m.role AS my_role,
                  (SELECT COUNT(*) FROM conversation_members x WHERE x.conversation_id = c.id) AS member_count,
                  (SELECT COUNT(*) FROM messages g WHERE g.conversation_id = c.id AND g.id > COALESCE(m.last_read_message_id, 0)
                      AND g.user_id <> m.user_id AND g.deleted_at IS NULL AND g.thread_id IS NULL) AS unread,
                  (SELECT MAX(g.id) FROM messages g WHERE g.conversation_id = c.id AND g.thread_id IS NULL) AS last_message_id
                FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.user_id = ?
                ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC
                """).param(userId)
                .query((rs, i) -> new Summary(CONVERSATION.mapRow(rs, i), rs.getString("my_role"), rs.getInt("member_count"),
                        rs.getInt("unread"), Rows.nullableLong(rs, "last_message_id")))
                .list();
    }

    /** Public rooms whose name contains {@code query}, busiest first. */
    public List<Summary> publicRooms(long userId, String query, int limit) {
        String like = SqlLike.contains(query.toLowerCase());
        return jdbc.sql("""
                SELECT c.*, (SELECT role FROM conversation_members x WHERE x.conversation_id = c.id AND x.user_id = ?) AS my_role,
                  (SELECT COUNT(*) FROM conversation_members x WHERE x.conversation_id = c.id) AS member_count
                FROM conversations c
                WHERE c.visibility = 'public' AND c.type = 'group' AND LOWER(COALESCE(c.name, '')) LIKE ? ESCAPE '!'
                ORDER BY COALESCE(c.last_message_at, c.created_at) DESC LIMIT ?
                """).params(userId, like, limit)
                .query((rs, i) -> new Summary(CONVERSATION.mapRow(rs, i), rs.getString("my_role"), rs.getInt("member_count"), 0, null))
                .list();
    }

    public List<Member> membersOfAll(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) return List.of();
        return jdbc.sql(MEMBER_SELECT + "WHERE m.conversation_id IN (:ids) ORDER BY m.conversation_id, m.joined_at")
                .param("ids", conversationIds).query(MEMBER).list();
    }
}
