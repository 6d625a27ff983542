package dev.kiln.server.model3d;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The text-to-3D contract on PostgreSQL (127.0.0.1:5432); fails with instructions when it is down. */
class PostgresModelApiTest extends ModelApiContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.postgres());
    }
}
