package dev.kiln.server.model3d;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Model files kept in the shared database ({@code model_files}): the GLB of every version, readable by every node. */
@Repository
class ModelFileRepository {
    private final JdbcClient jdbc;

    ModelFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a file (or replaces one under the same key, as a retried write may). Joins the caller's transaction. */
    void save(String key, long modelId, byte[] bytes, long now) {
        jdbc.sql("""
                INSERT INTO model_files (file_key, model_id, bytes, size, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (file_key) DO UPDATE SET bytes = excluded.bytes, size = excluded.size, created_at = excluded.created_at
                """).params(key, modelId, bytes, bytes.length, now).update();
    }

    Optional<byte[]> read(String key) {
        return jdbc.sql("SELECT bytes FROM model_files WHERE file_key = ?").param(key).query((rs, i) -> rs.getBytes(1)).optional();
    }

    void deleteAll(long modelId) {
        jdbc.sql("DELETE FROM model_files WHERE model_id = ?").param(modelId).update();
    }

    /** A version's GLB that is not in the table yet (made before it existed), with its model. */
    record Missing(long modelId, String key) {}

    List<Missing> missingVersionFiles() {
        return jdbc.sql("""
                SELECT v.model_id, v.glb_key FROM model_versions v JOIN models m ON m.id = v.model_id
                WHERE m.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM model_files f WHERE f.file_key = v.glb_key)
                ORDER BY v.model_id, v.version
                """).query((rs, i) -> new Missing(rs.getLong(1), rs.getString(2))).list();
    }
}
