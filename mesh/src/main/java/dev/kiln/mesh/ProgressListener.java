package dev.kiln.mesh;

/** Receives progress while a model is generated; stages are "interpret", "build", "process" and "export". */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, percent) -> { };

    /**
     * @param stage   current stage name
     * @param percent overall progress 0..100, never decreasing
     */
    void onProgress(String stage, int percent);
}
