package dev.kiln.server.chat;

import dev.kiln.server.config.Database;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Full-text search over the caller's conversations: SQLite's FTS5 or PostgreSQL's tsvector, each behind
 * the same query so results rank the same way (best match first, then newest). Hybrid search fuses that
 * ranking with a {@link SemanticMessageSearch} one (reciprocal rank fusion).
 */
@Component
public class MessageSearch {
    private final JdbcClient jdbc;
    private final Database database;
    private final ObjectProvider<SemanticMessageSearch> semantic;

    public MessageSearch(JdbcClient jdbc, Database database, ObjectProvider<SemanticMessageSearch> semantic) {
        this.jdbc = jdbc;
        this.database = database;
        this.semantic = semantic;
    }

    /** Full-text and semantic rankings fused; full-text alone when no semantic search is available. */
    public List<Long> hybrid(long userId, String query, Long conversationId, int limit) {
        List<Long> fullText = search(userId, query, conversationId, limit);
        SemanticMessageSearch bySense = semantic.getIfAvailable();
        if (bySense == null) return fullText;
        return ReciprocalRankFusion.fuse(limit, fullText, bySense.similar(userId, query, conversationId, limit));
    }

    /** Whether {@link #hybrid} searches by meaning too; when false it is full-text search. */
    public boolean hybridAvailable() {
        SemanticMessageSearch bySense = semantic.getIfAvailable();
        return bySense != null && bySense.available();
    }

    /** Ids of matching, not-deleted messages in conversations the user belongs to. */
    public List<Long> search(long userId, String query, Long conversationId, int limit) {
        List<String> terms = Arrays.stream(query.toLowerCase().split("[^\\p{L}\\p{N}]+")).filter(t -> !t.isBlank()).limit(16).toList();
        if (terms.isEmpty()) return List.of();
        String scope = "g.deleted_at IS NULL AND g.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = :user)"
                + (conversationId == null ? "" : " AND g.conversation_id = :conversation");
        JdbcClient.StatementSpec spec;
        if (database == Database.SQLITE) {
            // Each term as a quoted prefix query: "deploy"* matches deploys, deployment…
            String match = terms.stream().map(t -> "\"" + t + "\"*").collect(Collectors.joining(" "));
            spec = jdbc.sql("SELECT g.id FROM messages_fts f JOIN messages g ON g.id = f.rowid WHERE messages_fts MATCH :match AND "
                    + scope + " ORDER BY bm25(messages_fts), g.id DESC LIMIT :limit").param("match", match);
        } else {
            String tsquery = terms.stream().map(t -> t.replace("'", "") + ":*").collect(Collectors.joining(" & "));
            spec = jdbc.sql("SELECT g.id FROM messages g WHERE g.search_vector @@ to_tsquery('simple', :match) AND " + scope
                    + " ORDER BY ts_rank(g.search_vector, to_tsquery('simple', :match)) DESC, g.id DESC LIMIT :limit").param("match", tsquery);
        }
        spec = spec.param("user", userId).param("limit", limit);
        if (conversationId != null) spec = spec.param("conversation", conversationId);
        return spec.query(Long.class).list();
    }
}
