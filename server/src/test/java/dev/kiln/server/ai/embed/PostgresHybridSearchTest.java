package dev.kiln.server.ai.embed;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Hybrid search on PostgreSQL (tsvector; 127.0.0.1:5432); fails with instructions when it is down. */
class PostgresHybridSearchTest extends HybridSearchContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
