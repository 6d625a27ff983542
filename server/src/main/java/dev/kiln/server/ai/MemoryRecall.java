package dev.kiln.server.ai;

import dev.kiln.server.ai.embed.EmbeddingUnavailableException;
import dev.kiln.server.ai.embed.MessageEmbeddingIndexer;
import dev.kiln.server.ai.embed.MessageEmbeddingRepository;
import dev.kiln.server.ai.embed.TextEmbedder;
import dev.kiln.server.ai.embed.Vectors;
import dev.kiln.server.chat.MessageRepository;
import dev.kiln.server.chat.StoredMessage;
import dev.kiln.server.config.KilnProperties;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds a conversation's earlier messages by meaning: the stored embeddings of its newest messages (the search
 * window), compared with the question's. Embeds what is missing first (a few now, the rest in the background).
 * Without embeddings it finds nothing, and the prompt simply carries no recalled messages.
 */
@Component
public class MemoryRecall {
    private static final Logger log = LoggerFactory.getLogger(MemoryRecall.class);

    /** An earlier message and how close it is to the question (cosine similarity). */
    public record Scored(long messageId, long userId, double similarity) {}

    /** A recalled message with its text. */
    public record Recalled(StoredMessage message, double similarity) {}

    private final TextEmbedder embedder;
    private final MessageEmbeddingRepository embeddings;
    private final MessageEmbeddingIndexer indexer;
    private final MessageRepository messages;
    private final KilnProperties.Ai.Embeddings cfg;

    public MemoryRecall(TextEmbedder embedder, MessageEmbeddingRepository embeddings, MessageEmbeddingIndexer indexer,
                        MessageRepository messages, KilnProperties props) {
        this.embedder = embedder;
        this.embeddings = embeddings;
        this.indexer = indexer;
        this.messages = messages;
        this.cfg = props.ai().embeddings();
    }

    /** The question's vector, or null when embeddings are unavailable. */
    public float[] vectorOf(String text) {
        if (!embedder.available()) return null;
        try {
            return embedder.embed(text);
        } catch (EmbeddingUnavailableException e) {
            return null;
        }
    }

    /** Every embedded message before {@code beforeId} in the search window, scored against {@code query}, best first. */
    public List<Scored> score(long conversationId, float[] query, long beforeId) {
        if (query == null) return List.of();
        try {
            indexer.catchUp(conversationId, beforeId);
        } catch (RuntimeException e) {
            log.warn("Could not embed conversation {} before recall: {}", conversationId, e.toString());
        }
        return embeddings.inConversation(conversationId, embedder.model(), beforeId, cfg.searchWindow()).stream()
                .map(s -> new Scored(s.messageId(), s.userId(), Vectors.cosine(query, s.vector())))
                .sorted(Comparator.comparingDouble(Scored::similarity).reversed())
                .toList();
    }

    /** The {@code limit} messages before {@code beforeId} most similar to {@code query}, at least {@code minSimilarity}, best first. */
    public List<Recalled> recall(long conversationId, float[] query, long beforeId, int limit, double minSimilarity) {
        List<Scored> best = score(conversationId, query, beforeId).stream().filter(s -> s.similarity() >= minSimilarity).limit(limit).toList();
        if (best.isEmpty()) return List.of();
        Map<Long, StoredMessage> byId = messages.findAllById(best.stream().map(Scored::messageId).toList()).stream()
                .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        return best.stream().filter(s -> byId.containsKey(s.messageId()) && !byId.get(s.messageId()).deleted())
                .map(s -> new Recalled(byId.get(s.messageId()), s.similarity())).toList();
    }
}
