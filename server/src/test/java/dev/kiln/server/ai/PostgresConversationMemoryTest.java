package dev.kiln.server.ai;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Context assembly and stored memory on PostgreSQL (127.0.0.1:5432); fails with instructions when it is down. */
class PostgresConversationMemoryTest extends ConversationMemoryContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
