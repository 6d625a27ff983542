package dev.kiln.server.ai;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Context assembly and stored memory on SQLite. */
class SqliteConversationMemoryTest extends ConversationMemoryContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
