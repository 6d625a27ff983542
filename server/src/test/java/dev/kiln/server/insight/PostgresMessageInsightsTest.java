package dev.kiln.server.insight;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Message insights on PostgreSQL (127.0.0.1:5432); fails with instructions when it is down. */
class PostgresMessageInsightsTest extends MessageInsightsContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
