package dev.kiln.server.model3d.external;

import java.time.Duration;

/**
 * A paid text- or image-to-3D service behind the same job as the built-in engine: it turns one request into the bytes
 * of a GLB, reporting progress as it goes. Implementations never log or return their API key, and throw
 * {@link ExternalFailure} for everything that went wrong on the other side (the job then falls back to the built-in
 * engine with a note); any other exception thrown by {@link Progress} (cancellation) must pass through untouched.
 */
public interface ExternalGenerator {

    /** What a generator takes as input. */
    enum Input { TEXT, IMAGE }

    /** An uploaded picture, for image-to-3D. */
    record Image(byte[] bytes, String contentType, String fileName) {}

    /**
     * One generation.
     *
     * @param prompt     the description as the user wrote it
     * @param complexity low | medium | high (mapped to the service's detail settings)
     * @param image      the picture for image-to-3D generators, else null
     */
    record Request(String prompt, String complexity, Image image) {}

    /** Where the job hears about progress and waits between polls; both throw when the job is cancelled. */
    interface Progress {
        /** {@code percent} of this generator's own work, 0-100. */
        void report(String stage, int percent);

        /** Waits between polls; returns early by throwing when the job is cancelled or the server stops. */
        void pause(Duration duration);
    }

    /** Stable id used in requests and stored with models: "meshy", "stability". */
    String id();

    /** Name people read in notes and in the UI: "Meshy", "Stable Fast 3D". */
    String label();

    Input input();

    /** Runs the generation and returns the GLB as delivered. */
    byte[] generate(Request request, Progress progress) throws ExternalFailure;
}
