package dev.kiln.server.model3d;

import dev.kiln.server.shared.SqlLike;
import dev.kiln.server.shared.Rows;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Generation jobs, model versions, tags and shares in SQL (portable between SQLite and PostgreSQL). */
@Repository
class ModelRepository {
    private static final String SELECT = "SELECT m.id, m.owner_id, u.username, m.conversation_id, m.name, m.description, m.complexity, "
            + "m.style, m.status, m.progress, m.stage, m.error, m.current_version, m.message_id, m.created_at, m.started_at, "
            + "m.finished_at, m.updated_at, m.deleted_at, m.generator, m.note, m.image_file_id FROM models m JOIN users u ON u.id = m.owner_id ";
    private static final RowMapper<StoredModel> ROW = (rs, i) -> new StoredModel(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getString("username"), Rows.nullableLong(rs, "conversation_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("complexity"), rs.getString("style"), rs.getString("status"), rs.getInt("progress"), rs.getString("stage"),
            rs.getString("error"), Rows.nullableInt(rs, "current_version"), Rows.nullableLong(rs, "message_id"),
            rs.getLong("created_at"), Rows.nullableLong(rs, "started_at"), Rows.nullableLong(rs, "finished_at"),
            rs.getLong("updated_at"), Rows.nullableLong(rs, "deleted_at"), rs.getString("generator"), rs.getString("note"),
            Rows.nullableLong(rs, "image_file_id"));
    private static final RowMapper<StoredVersion> VERSION = (rs, i) -> new StoredVersion(rs.getLong("model_id"), rs.getInt("version"),
            rs.getString("spec"), rs.getString("interpretation"), rs.getLong("triangles"), rs.getLong("vertices"), rs.getInt("objects"),
            rs.getString("bounds"), rs.getString("glb_key"), rs.getLong("glb_size"), rs.getLong("created_by"), rs.getLong("created_at"),
            rs.getString("source"), rs.getString("note"));
    /** Models the user owns or that are shared in a conversation the user belongs to. */
    private static final String VISIBLE = "(m.owner_id = :me OR EXISTS (SELECT 1 FROM model_shares s JOIN conversation_members cm "
            + "ON cm.conversation_id = s.conversation_id WHERE s.model_id = m.id AND cm.user_id = :me)) ";

    private final JdbcClient jdbc;

    ModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new job, held by {@code node} until {@code leaseUntil}. */
    void insert(StoredModel m, String node, long leaseUntil) {
        jdbc.sql("INSERT INTO models (id, owner_id, conversation_id, name, description, complexity, style, status, progress, stage, "
                        + "created_at, updated_at, generator, image_file_id, owner_node, lease_until) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.id(), m.ownerId(), m.conversationId(), m.name(), m.description(), m.complexity(), m.style(), m.status(),
                        m.progress(), m.stage(), m.createdAt(), m.updatedAt(), m.generator(), m.imageFileId(), node, leaseUntil)
                .update();
    }

    // ---- leases: which node holds a queued or running job -----------------------------------------------

    /** Extends every active job {@code node} holds; returns how many. */
    int renewLeases(String node, long until) {
        return jdbc.sql("UPDATE models SET lease_until = ? WHERE owner_node = ? AND status IN ('queued', 'running')")
                .params(until, node).update();
    }

    /** Lets go of every active job {@code node} holds (a clean stop), so that any node can recover them at once. */
    void releaseLeases(String node) {
        jdbc.sql("UPDATE models SET lease_until = 0 WHERE owner_node = ? AND status IN ('queued', 'running')").param(node).update();
    }

    /** Queued and running jobs whose holder has not renewed them in time (a node that stopped or died). */
    List<StoredModel> expired(long now) {
        return jdbc.sql(SELECT + "WHERE m.status IN ('queued', 'running') AND m.lease_until < ? AND m.deleted_at IS NULL ORDER BY m.id")
                .param(now).query(ROW).list();
    }

    /** Takes over an expired queued job; false when its holder renewed it or another node took it first. */
    boolean claimQueued(long id, String node, long leaseUntil, long now) {
        return jdbc.sql("UPDATE models SET owner_node = ?, lease_until = ? WHERE id = ? AND status = 'queued' AND lease_until < ? "
                        + "AND deleted_at IS NULL")
                .params(node, leaseUntil, id, now).update() == 1;
    }

    /** Fails an expired running job (its worker died with its node); false when its holder renewed it or it ended. */
    boolean failExpiredRunning(long id, String error, long now) {
        return jdbc.sql("UPDATE models SET status = 'failed', stage = 'failed', error = ?, finished_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status = 'running' AND lease_until < ?")
                .params(error, now, now, id, now).update() == 1;
    }

    Optional<StoredModel> find(long id) {
        return jdbc.sql(SELECT + "WHERE m.id = ? AND m.deleted_at IS NULL").param(id).query(ROW).optional();
    }

    int countActive(long ownerId) {
        return jdbc.sql("SELECT COUNT(*) FROM models WHERE owner_id = ? AND status IN ('queued', 'running') AND deleted_at IS NULL")
                .param(ownerId).query(Integer.class).single();
    }

    /** queued → running on {@code node}; false when the job is no longer queued (cancelled, deleted) or another node took it. */
    boolean markRunning(long id, String node, long now) {
        return jdbc.sql("UPDATE models SET status = 'running', stage = 'interpret', started_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status = 'queued' AND owner_node = ? AND deleted_at IS NULL")
                .params(now, now, id, node).update() == 1;
    }

    void progress(long id, String stage, int percent, long now) {
        jdbc.sql("UPDATE models SET stage = ?, progress = ?, updated_at = ? WHERE id = ? AND status = 'running'")
                .params(stage, percent, now, id).update();
    }

    /** Records how a running job is being made (a fall-back to the built-in engine), shown with the finished model. */
    void note(long id, String note, long now) {
        jdbc.sql("UPDATE models SET note = ?, updated_at = ? WHERE id = ?").params(note, now, id).update();
    }

    Optional<String> status(long id) {
        return jdbc.sql("SELECT status FROM models WHERE id = ? AND deleted_at IS NULL").param(id).query(String.class).optional();
    }

    /** Ends a job that is in one of {@code from}; false when it was not (for instance cancelled meanwhile). */
    boolean finish(long id, Collection<String> from, String status, String stage, Integer progress, String error, long now) {
        var sql = jdbc.sql("UPDATE models SET status = :status, stage = :stage, " + (progress == null ? "" : "progress = :progress, ")
                        + "error = :error, finished_at = :now, updated_at = :now WHERE id = :id AND status IN (:from)")
                .param("status", status).param("stage", stage).param("error", error)
                .param("now", now).param("id", id).param("from", from);
        if (progress != null) sql = sql.param("progress", progress);
        return sql.update() == 1;
    }

    void setCurrentVersion(long id, int version, long now) {
        jdbc.sql("UPDATE models SET current_version = ?, updated_at = ? WHERE id = ?").params(version, now, id).update();
    }

    void setMessage(long id, long messageId) {
        jdbc.sql("UPDATE models SET message_id = ? WHERE id = ?").params(messageId, id).update();
    }

    void rename(long id, String name, long now) {
        jdbc.sql("UPDATE models SET name = ?, updated_at = ? WHERE id = ?").params(name, now, id).update();
    }

    void softDelete(long id, long now) {
        jdbc.sql("UPDATE models SET deleted_at = ?, updated_at = ? WHERE id = ?").params(now, now, id).update();
    }

    // ---- versions -------------------------------------------------------------------------------------

    void insertVersion(StoredVersion v) {
        jdbc.sql("INSERT INTO model_versions (model_id, version, spec, interpretation, triangles, vertices, objects, bounds, glb_key, "
                        + "glb_size, created_by, created_at, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(v.modelId(), v.version(), v.spec(), v.interpretation(), v.triangles(), v.vertices(), v.objects(), v.bounds(),
                        v.glbKey(), v.glbSize(), v.createdBy(), v.createdAt(), v.source(), v.note())
                .update();
    }

    Optional<StoredVersion> version(long modelId, int version) {
        return jdbc.sql("SELECT * FROM model_versions WHERE model_id = ? AND version = ?").params(modelId, version).query(VERSION).optional();
    }

    int latestVersion(long modelId) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE model_id = ?").param(modelId)
                .query(Integer.class).single();
    }

    List<Integer> versionNumbers(long modelId) {
        return jdbc.sql("SELECT version FROM model_versions WHERE model_id = ? ORDER BY version").param(modelId).query(Integer.class).list();
    }

    List<String> fileKeys(long modelId) {
        return jdbc.sql("SELECT glb_key FROM model_versions WHERE model_id = ?").param(modelId).query(String.class).list();
    }

    Map<Long, StoredVersion> currentVersions(Collection<StoredModel> models) {
        Map<Long, StoredVersion> out = new HashMap<>();
        for (StoredModel m : models) {
            if (m.currentVersion() != null) version(m.id(), m.currentVersion()).ifPresent(v -> out.put(m.id(), v));
        }
        return out;
    }

    // ---- tags and shares --------------------------------------------------------------------------------

    List<String> tags(long modelId) {
        return jdbc.sql("SELECT tag FROM model_tags WHERE model_id = ? ORDER BY tag").param(modelId).query(String.class).list();
    }

    void replaceTags(long modelId, Set<String> tags) {
        jdbc.sql("DELETE FROM model_tags WHERE model_id = ?").param(modelId).update();
        for (String t : tags) jdbc.sql("INSERT INTO model_tags (model_id, tag) VALUES (?, ?)").params(modelId, t).update();
    }

    /** Shares into a conversation; false when it already was. */
    boolean share(long modelId, long conversationId, long by, long now) {
        return jdbc.sql("INSERT INTO model_shares (model_id, conversation_id, shared_by, shared_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (model_id, conversation_id) DO NOTHING")
                .params(modelId, conversationId, by, now).update() == 1;
    }

    List<Long> sharedIn(long modelId) {
        return jdbc.sql("SELECT conversation_id FROM model_shares WHERE model_id = ? ORDER BY shared_at").param(modelId)
                .query(Long.class).list();
    }

    boolean visibleTo(long modelId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM models m WHERE m.id = :id AND " + VISIBLE).param("id", modelId).param("me", userId)
                .query(Integer.class).single() > 0;
    }

    /** One page of completed models the user can see, newest first, filtered by text and tag; plus the total. */
    record Page(List<StoredModel> items, long total) {}

    Page assets(long userId, String text, String tag, int page, int size) {
        String where = "WHERE m.deleted_at IS NULL AND m.status = 'completed' AND " + VISIBLE
                + "AND (:q = '' OR LOWER(m.name) LIKE :pattern ESCAPE '!' OR LOWER(m.description) LIKE :pattern ESCAPE '!') "
                + "AND (:tag = '' OR EXISTS (SELECT 1 FROM model_tags t WHERE t.model_id = m.id AND t.tag = :tag)) ";
        String q = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        String pattern = SqlLike.contains(q);
        String t = tag == null ? "" : tag;
        List<StoredModel> items = jdbc.sql(SELECT + where + "ORDER BY m.id DESC LIMIT :limit OFFSET :offset")
                .param("me", userId).param("q", q).param("pattern", pattern).param("tag", t)
                .param("limit", size).param("offset", (long) page * size).query(ROW).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM models m " + where)
                .param("me", userId).param("q", q).param("pattern", pattern).param("tag", t).query(Long.class).single();
        return new Page(items, total);
    }
}
