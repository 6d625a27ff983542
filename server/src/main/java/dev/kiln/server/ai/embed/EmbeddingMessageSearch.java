package dev.kiln.server.ai.embed;

import dev.kiln.server.chat.SemanticMessageSearch;
import dev.kiln.server.config.KilnProperties;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Search by meaning for hybrid search: the query's embedding against the stored vectors of the newest messages of
 * the user's conversations (the search window), kept when at least {@code kiln.ai.memory.min-similarity} similar.
 * Finds nothing (so hybrid search is full-text search) when embeddings are off.
 */
@Component
public class EmbeddingMessageSearch implements SemanticMessageSearch {
    private static final Logger log = LoggerFactory.getLogger(EmbeddingMessageSearch.class);

    private record Scored(long id, double similarity) {}

    private final TextEmbedder embedder;
    private final MessageEmbeddingRepository repository;
    private final MessageEmbeddingIndexer indexer;
    private final KilnProperties.Ai ai;

    public EmbeddingMessageSearch(TextEmbedder embedder, MessageEmbeddingRepository repository, MessageEmbeddingIndexer indexer,
                                  KilnProperties props) {
        this.embedder = embedder;
        this.repository = repository;
        this.indexer = indexer;
        this.ai = props.ai();
    }

    @Override
    public boolean available() {
        return embedder.available();
    }

    @Override
    public List<Long> similar(long userId, String query, Long conversationId, int limit) {
        if (!embedder.available()) return List.of();
        try {
            if (conversationId != null) indexer.catchUp(conversationId, Long.MAX_VALUE);
            else indexer.catchUpForUser(userId);
            float[] q = embedder.embed(query);
            return repository.forUser(userId, conversationId, embedder.model(), ai.embeddings().searchWindow()).stream()
                    .map(s -> new Scored(s.messageId(), Vectors.cosine(q, s.vector())))
                    .filter(s -> s.similarity() >= ai.memory().minSimilarity())
                    .sorted(Comparator.comparingDouble(Scored::similarity).reversed())
                    .limit(limit).map(Scored::id).toList();
        } catch (EmbeddingUnavailableException e) {
            log.warn("Semantic search unavailable: {}", e.getMessage());
            return List.of();
        }
    }
}
