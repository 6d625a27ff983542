package dev.kiln.server.files;

import dev.kiln.server.shared.Rows;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Upload records in SQL (the bytes live in the data dir). */
@Repository
public class FileRepository {
    private static final RowMapper<StoredFile> ROW = (rs, i) -> new StoredFile(rs.getLong("id"), rs.getLong("conversation_id"),
            rs.getLong("uploader_id"), Rows.nullableLong(rs, "message_id"), rs.getString("name"), rs.getString("content_type"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"), rs.getString("thumbnail_key"),
            Rows.nullableInt(rs, "width"), Rows.nullableInt(rs, "height"), rs.getLong("created_at"));

    private final JdbcClient jdbc;

    public FileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredFile f) {
        jdbc.sql("INSERT INTO files (id, conversation_id, uploader_id, name, content_type, size_bytes, sha256, storage_key, "
                        + "thumbnail_key, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(f.id(), f.conversationId(), f.uploaderId(), f.name(), f.contentType(), f.size(), f.sha256(), f.storageKey(),
                        f.thumbnailKey(), f.width(), f.height(), f.createdAt())
                .update();
    }

    public Optional<StoredFile> findById(long id) {
        return jdbc.sql("SELECT * FROM files WHERE id = ?").param(id).query(ROW).optional();
    }
}
