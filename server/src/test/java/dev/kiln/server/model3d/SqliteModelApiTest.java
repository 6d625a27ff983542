package dev.kiln.server.model3d;

import dev.kiln.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The text-to-3D contract on the embedded default, SQLite. */
class SqliteModelApiTest extends ModelApiContract {
    @BeforeAll
    static void start() {
        startWith(TestDatabases.sqlite());
    }
}
