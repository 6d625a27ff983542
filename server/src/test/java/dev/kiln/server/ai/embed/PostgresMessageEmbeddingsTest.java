package dev.kiln.server.ai.embed;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Message embeddings on PostgreSQL (127.0.0.1:5432); fails with instructions when it is down. */
class PostgresMessageEmbeddingsTest extends MessageEmbeddingsContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
