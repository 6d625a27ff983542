package dev.kiln.server.ai.embed;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Hybrid search on SQLite (FTS5). */
class SqliteHybridSearchTest extends HybridSearchContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
