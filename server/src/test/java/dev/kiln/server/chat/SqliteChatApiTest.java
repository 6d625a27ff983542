package dev.kiln.server.chat;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The chat contract on the embedded default, SQLite. */
class SqliteChatApiTest extends ChatApiContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
