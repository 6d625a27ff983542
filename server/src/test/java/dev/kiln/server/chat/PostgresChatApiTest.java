package dev.kiln.server.chat;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The chat contract on PostgreSQL (127.0.0.1:5432); fails with instructions when it is down. */
class PostgresChatApiTest extends ChatApiContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
