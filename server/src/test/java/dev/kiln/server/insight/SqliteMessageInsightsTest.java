package dev.kiln.server.insight;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Message insights on the embedded default, SQLite. */
class SqliteMessageInsightsTest extends MessageInsightsContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
