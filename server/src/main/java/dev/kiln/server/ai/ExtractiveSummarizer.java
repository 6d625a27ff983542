package dev.kiln.server.ai;

import dev.kiln.server.ai.embed.EmbeddingUnavailableException;
import dev.kiln.server.ai.embed.TextEmbedder;
import dev.kiln.server.ai.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A summary without a language model: picks the messages that best represent the whole (closest to the centroid
 * of all message embeddings) while avoiding near-repeats (maximal marginal relevance), until the token budget is
 * full, and returns them in their original order. Hand-written because it is a dozen lines over the embeddings
 * we already have; without embeddings it keeps the longest messages, spread over the conversation.
 */
@Component
public class ExtractiveSummarizer {
    /** How much relevance to the whole outweighs novelty against what was already picked. */
    private static final double LAMBDA = 0.7;
    /** Longest excerpt of one message, in characters. */
    static final int EXCERPT_CHARS = 300;

    /** One message to choose from; {@code vector} may be null (it is then computed, when embeddings are available). */
    public record Line(String author, String text, float[] vector) {
        String render() {
            String t = text.strip().replaceAll("\\s+", " ");
            return "@" + author + ": " + (t.length() > EXCERPT_CHARS ? t.substring(0, EXCERPT_CHARS - 1) + "…" : t);
        }
    }

    private final TextEmbedder embedder;

    public ExtractiveSummarizer(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    /** The chosen lines, oldest first, rendered as {@code @author: text}, within {@code maxTokens} together. */
    public List<String> summarize(List<Line> lines, int maxTokens) {
        List<Line> usable = lines.stream().filter(l -> l.text() != null && !l.text().isBlank()).toList();
        if (usable.isEmpty()) return List.of();
        List<Integer> picked;
        try {
            picked = embedder.available() ? byRelevance(usable, maxTokens) : byLength(usable, maxTokens);
        } catch (EmbeddingUnavailableException e) {
            picked = byLength(usable, maxTokens);
        }
        return picked.stream().sorted().map(i -> usable.get(i).render()).toList();
    }

    private List<Integer> byRelevance(List<Line> lines, int maxTokens) {
        List<float[]> vectors = vectors(lines);
        float[] centroid = Vectors.centroid(vectors);
        List<Integer> picked = new ArrayList<>();
        boolean[] taken = new boolean[lines.size()];
        int used = 0;
        while (true) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < lines.size(); i++) {
                if (taken[i]) continue;
                double redundancy = 0;
                for (int j : picked) redundancy = Math.max(redundancy, Vectors.cosine(vectors.get(i), vectors.get(j)));
                double score = LAMBDA * Vectors.cosine(vectors.get(i), centroid) - (1 - LAMBDA) * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0) break;
            taken[best] = true;
            int cost = TokenEstimate.of(lines.get(best).render()) + 1;
            if (used + cost > maxTokens) continue; // too long for what is left; a shorter one may still fit
            used += cost;
            picked.add(best);
        }
        return picked;
    }

    private List<float[]> vectors(List<Line> lines) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).vector() == null) missing.add(i);
        List<float[]> computed = missing.isEmpty() ? List.of() : embedder.embedAll(missing.stream().map(i -> lines.get(i).text()).toList());
        List<float[]> out = new ArrayList<>(lines.size());
        int k = 0;
        for (int i = 0; i < lines.size(); i++) out.add(lines.get(i).vector() != null ? lines.get(i).vector() : computed.get(k++));
        return out;
    }

    /** Without embeddings: the longest messages carry the most, so keep those that fit. */
    private static List<Integer> byLength(List<Line> lines, int maxTokens) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt((Integer i) -> lines.get(i).text().length()).reversed());
        List<Integer> picked = new ArrayList<>();
        int used = 0;
        for (int i : order) {
            int cost = TokenEstimate.of(lines.get(i).render()) + 1;
            if (used + cost > maxTokens) continue;
            used += cost;
            picked.add(i);
        }
        return picked;
    }
}
