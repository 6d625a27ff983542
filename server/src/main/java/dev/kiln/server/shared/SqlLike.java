package dev.kiln.server.shared;

/**
 * LIKE patterns built from user text, on both SQLite and PostgreSQL: the wildcards the user typed match
 * themselves. Use with {@link #ESCAPE} after the pattern, e.g. {@code name LIKE ? ESCAPE '!'}.
 */
public final class SqlLike {
    /** The escape clause matching the patterns built here ('!' avoids backslash quoting differences). */
    public static final String ESCAPE = " ESCAPE '!'";

    private SqlLike() {}

    public static String startsWith(String text) {
        return escape(text) + "%";
    }

    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
