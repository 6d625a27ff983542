package dev.kiln.server.ai.embed;

import java.util.List;

/**
 * The port for sentence embeddings: text in, a unit-length vector out, so cosine similarity is a dot product.
 * Calls block until the vector is ready (they run on the embedder's own threads); call them from a virtual
 * thread or a background job, never while holding up a send.
 */
public interface TextEmbedder {

    /** Identifies the model; stored next to each vector so a different model's vectors are never compared. */
    String model();

    int dimensions();

    /** @throws EmbeddingUnavailableException when embeddings are turned off or the model cannot run here */
    float[] embed(String text);

    /** One vector per text, in order; batched and parallel where the adapter can. */
    List<float[]> embedAll(List<String> texts);

    /** {@link #embedAll} for work that may wait, such as indexing new messages: only with CPU nothing else wants. */
    default List<float[]> embedAllInBackground(List<String> texts) {
        return embedAll(texts);
    }

    /** False when embeddings are turned off or the model failed to load; callers then skip what needs them. */
    boolean available();
}
