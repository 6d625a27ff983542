package dev.kiln.server.model3d.external;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * External 3D generators (README, "Configuration"); each is enabled only when its API key is set. Empty base URLs mean
 * the service's public API. {@code generator-environment.properties} maps the README's environment variables here.
 *
 * @param preferred which generator a request without {@code options.generator} gets: empty = the first configured
 *                  external one that fits the input (Meshy for text, Stable Fast 3D for an image), else procedural
 */
@ConfigurationProperties("kiln.model3d.generators")
public record GeneratorSettings(@DefaultValue("") String preferred, @DefaultValue Meshy meshy, @DefaultValue Stability stability) {

    /**
     * Meshy text-to-3D (v2 API: create a task, poll it, download {@code model_urls.glb}).
     *
     * @param timeout        longest a whole generation may take before falling back to the built-in engine
     * @param pollInterval   wait between two status requests
     * @param requestTimeout longest one HTTP request may take
     * @param aiModel        Meshy's {@code ai_model}
     * @param refine         also run Meshy's refine (texturing) task after the preview: textured models, more time and credits
     */
    public record Meshy(@DefaultValue("") String apiKey, @DefaultValue("") String baseUrl, @DefaultValue("5m") Duration timeout,
                        @DefaultValue("5s") Duration pollInterval, @DefaultValue("30s") Duration requestTimeout,
                        @DefaultValue("latest") String aiModel, @DefaultValue("false") boolean refine) {
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /**
     * Stability AI Stable Fast 3D (image to GLB in one multipart request).
     *
     * @param timeout longest the request may take before falling back to the built-in engine
     */
    public record Stability(@DefaultValue("") String apiKey, @DefaultValue("") String baseUrl, @DefaultValue("2m") Duration timeout) {
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }
    }
}
