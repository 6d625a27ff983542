package dev.kiln.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the database from {@code KILN_DB_URL}: SQLite in the data dir by default, PostgreSQL when a
 * jdbc:postgresql:// URL is given. Both run the same Flyway migrations (db/migration/common) plus a
 * vendor folder for full-text search, which the two engines do differently.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

    @Bean
    public Database database(KilnProperties props) {
        if (props.dbUrl() == null || props.dbUrl().isBlank()) return Database.SQLITE;
        if (props.usesPostgres()) return Database.POSTGRESQL;
        throw new IllegalStateException("KILN_DB_URL must be empty (SQLite) or a jdbc:postgresql:// URL, got: " + props.dbUrl());
    }

    @Bean(destroyMethod = "close")
    public DataSource dataSource(KilnProperties props, Database database) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("kiln-db");
        if (database == Database.SQLITE) {
            try {
                Files.createDirectories(props.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data dir " + props.dataDir().toAbsolutePath(), e);
            }
            cfg.setJdbcUrl("jdbc:sqlite:" + props.databaseFile().toAbsolutePath());
            cfg.setDriverClassName("org.sqlite.JDBC");
            // WAL lets readers run beside the single writer; synchronous=FULL makes every acknowledged
            // commit survive a power cut, not only a crash. IMMEDIATE transactions take the write lock up
            // front so concurrent writers wait (busy_timeout) instead of failing with SQLITE_BUSY mid-way.
            cfg.addDataSourceProperty("journal_mode", "WAL");
            cfg.addDataSourceProperty("synchronous", "FULL");
            cfg.addDataSourceProperty("busy_timeout", "15000");
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // One connection: SQLite has a single writer anyway, and with several connections a writer that
            // waits for the lock spins in native code (busy_timeout), which pins the virtual thread's carrier;
            // on a 2-core machine two such waiters can starve the thread that holds the lock. Waiting for the
            // pool is a plain Java park instead. Reads are microseconds in-process.
            cfg.setMaximumPoolSize(1);
        } else {
            cfg.setJdbcUrl(props.dbUrl());
            if (!props.dbUser().isBlank()) cfg.setUsername(props.dbUser());
            if (!props.dbPassword().isBlank()) cfg.setPassword(props.dbPassword());
            cfg.setMaximumPoolSize(16);
        }
        return new HikariDataSource(cfg);
    }
}
