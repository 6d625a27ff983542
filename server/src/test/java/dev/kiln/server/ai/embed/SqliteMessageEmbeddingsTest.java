package dev.kiln.server.ai.embed;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Message embeddings on SQLite. */
class SqliteMessageEmbeddingsTest extends MessageEmbeddingsContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
