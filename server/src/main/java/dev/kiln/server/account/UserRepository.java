package dev.kiln.server.account;

import dev.kiln.server.shared.SqlLike;
import dev.kiln.server.shared.Rows;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users in SQL. */
@Repository
public class UserRepository {
    private static final String COLUMNS = "id, username, email, password_hash, is_bot, created_at, last_seen_at";
    private static final RowMapper<User> ROW = (rs, i) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), rs.getString("password_hash"), rs.getInt("is_bot") != 0, rs.getLong("created_at"),
            Rows.nullableLong(rs, "last_seen_at"));

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case-insensitive key that makes "Ada" and "ada" the same username. */
    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** Inserts the user; returns false when the username is taken. */
    public boolean insert(User u) {
        return jdbc.sql("INSERT INTO users (id, username, username_key, email, password_hash, is_bot, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username_key) DO NOTHING")
                .params(u.id(), u.username(), key(u.username()), u.email(), u.passwordHash(), u.bot() ? 1 : 0, u.createdAt())
                .update() == 1;
    }

    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(ROW).optional();
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username_key = ?").param(key(username)).query(ROW).optional();
    }

    public List<User> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id IN (:ids)").param("ids", ids).query(ROW).list();
    }

    /** Prefix search for pickers (add member, start a DM). */
    public List<User> searchByPrefix(String prefix, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username_key LIKE ?" + SqlLike.ESCAPE + " AND is_bot = 0 "
                        + "ORDER BY username_key LIMIT ?")
                .params(SqlLike.startsWith(key(prefix)), limit).query(ROW).list();
    }

    public void touchLastSeen(long userId, long at) {
        jdbc.sql("UPDATE users SET last_seen_at = ? WHERE id = ?").params(at, userId).update();
    }
}
