package dev.kiln.server.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Nullable column reads that behave the same on the SQLite and PostgreSQL drivers. */
public final class Rows {
    private Rows() {}

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    public static String id(Long id) {
        return id == null ? null : Ids.format(id);
    }
}
