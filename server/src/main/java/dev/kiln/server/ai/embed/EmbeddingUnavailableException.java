package dev.kiln.server.ai.embed;

/** Embeddings are off or the model cannot run on this machine; features that need them degrade instead of failing. */
public class EmbeddingUnavailableException extends RuntimeException {
    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
