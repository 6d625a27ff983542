package dev.kiln.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Real databases for tests: a fresh SQLite file in a temp data dir, or a fresh PostgreSQL database on the
 * local server (127.0.0.1:5432, trust auth). A missing PostgreSQL fails the test with how to start it.
 */
public final class TestDatabases {
    public static final String PG_HOST = System.getenv().getOrDefault("KILN_TEST_PG", "127.0.0.1:5432");
    public static final String PG_USER = System.getenv().getOrDefault("KILN_TEST_PG_USER", "postgres");
    public static final String REDIS_URL = System.getenv().getOrDefault("KILN_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // Leave the shared PostgreSQL as we found it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, "")) {
                for (String db : CREATED) c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // best effort
            }
        }));
    }

    private TestDatabases() {}

    /** Server properties for an isolated instance on SQLite. */
    public static Map<String, Object> sqlite() {
        Map<String, Object> props = new HashMap<>();
        props.put("kiln.data-dir", tempDir().toString());
        props.put("kiln.db-url", "");
        props.putAll(relaxedLimits());
        return props;
    }

    /** Server properties for an isolated instance on a new PostgreSQL database. */
    public static Map<String, Object> postgres() {
        Map<String, Object> props = new HashMap<>();
        props.put("kiln.data-dir", tempDir().toString());
        props.put("kiln.db-url", createPostgresDatabase());
        props.put("kiln.db-user", PG_USER);
        props.putAll(relaxedLimits());
        return props;
    }

    /** Tests register many users from one address; the limits themselves are tested separately. */
    public static Map<String, Object> relaxedLimits() {
        return Map.of("kiln.auth.attempts-per-ip-per-minute", "100000", "kiln.auth.attempts-per-account-per-minute", "100000",
                "kiln.limits.messages-per-second-per-user", "1000");
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("kiln-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createPostgresDatabase() {
        String name = "kiln_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + PG_HOST + " as user " + PG_USER + " (" + e.getMessage()
                    + "). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        return "jdbc:postgresql://" + PG_HOST + "/" + name;
    }

    /** Fails with a clear message when Redis is down. */
    public static void requireRedis() {
        try (var client = io.lettuce.core.RedisClient.create(REDIS_URL); var conn = client.connect()) {
            conn.sync().ping();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis is not reachable at " + REDIS_URL + " (" + e.getMessage() + "). Start it with: "
                    + "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no", e);
        }
    }
}
