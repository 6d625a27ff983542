package dev.kiln.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kiln.server.support.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Writes from many threads share commits, each is committed when its caller returns, and a failure rolls back alone. */
class GroupCommitTest {

    @Test
    void concurrentWritesCommitTogetherAndFailuresStayIsolated() throws Exception {
        Path db = TestDatabases.tempDir().resolve("group.db");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + db);
        cfg.setMaximumPoolSize(1);
        cfg.addDataSourceProperty("journal_mode", "WAL");
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            jdbc.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").update();
            GroupCommit group = new GroupCommit(new JdbcTransactionManager(ds));
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int id = i;
                results.add(callers.submit(() -> {
                    try {
                        group.execute(() -> {
                            jdbc.sql("INSERT INTO t (id) VALUES (?)").param(id).update();
                            if (id % 10 == 7) throw new IllegalArgumentException("write " + id + " refused");
                            return true;
                        });
                        // Committed by the time we return: visible from a separate connection.
                        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                             ResultSet rs = other.createStatement().executeQuery("SELECT COUNT(*) FROM t WHERE id = " + id)) {
                            return rs.getInt(1) == 1;
                        }
                    } catch (IllegalArgumentException refused) {
                        return null;
                    }
                }));
            }
            int committed = 0;
            int refused = 0;
            for (Future<Boolean> f : results) {
                Boolean visible = f.get();
                if (visible == null) refused++;
                else {
                    assertThat(visible).as("committed before the caller returned").isTrue();
                    committed++;
                }
            }
            assertThat(committed).isEqualTo(180);
            assertThat(refused).isEqualTo(20);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM t").query(Integer.class).single()).isEqualTo(180);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM t WHERE id % 10 = 7").query(Integer.class).single()).isZero();
            assertThatThrownBy(() -> group.execute(() -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            group.close();
            callers.close();
        }
    }
}
