package dev.kiln.server.model3d.external;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stability AI's Stable Fast 3D, image to 3D: {@code POST /v2beta/3d/stable-fast-3d} with a multipart form ({@code
 * image}, {@code texture_resolution}, {@code foreground_ratio}, {@code remesh}) answers the GLB bytes themselves
 * ({@code model/gltf-binary}) in one request; errors are JSON {@code {id, name, errors:[…]}}.
 */
final class StableFast3d implements ExternalGenerator {
    static final String DEFAULT_BASE_URL = "https://api.stability.ai";
    static final String PATH = "/v2beta/3d/stable-fast-3d";
    static final MediaType GLB = MediaType.parseMediaType("model/gltf-binary");

    private final ExternalHttp http;
    private final RestClient api;
    private final long maxModelBytes;

    StableFast3d(GeneratorSettings.Stability cfg, JsonMapper json, long maxModelBytes) {
        this.maxModelBytes = maxModelBytes;
        this.http = new ExternalHttp(label(), cfg.apiKey(), json);
        String base = cfg.baseUrl() == null || cfg.baseUrl().isBlank() ? DEFAULT_BASE_URL : cfg.baseUrl().replaceAll("/+$", "");
        this.api = ExternalHttp.client(base, cfg.timeout(), false);
    }

    @Override
    public String id() {
        return "stability";
    }

    @Override
    public String label() {
        return "Stable Fast 3D";
    }

    @Override
    public Input input() {
        return Input.IMAGE;
    }

    @Override
    public byte[] generate(Request request, Progress progress) throws ExternalFailure {
        Image image = request.image();
        if (image == null) throw new IllegalArgumentException("Stable Fast 3D needs an image");
        progress.report("submit", 0);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        String fileName = image.fileName() == null || image.fileName().isBlank() ? "image" : image.fileName();
        form.part("image", new ByteArrayResource(image.bytes()) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.parseMediaType(image.contentType()));
        form.part("texture_resolution", String.valueOf(textureResolution(request.complexity())));
        form.part("foreground_ratio", "0.85");
        form.part("remesh", "none");
        progress.report("remote", 5);
        String what = "Stable Fast 3D request";
        ExternalHttp.Answer answer = http.requireOk(http.send(api.post().uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, http.bearer())
                .accept(GLB, MediaType.APPLICATION_JSON)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form.build()), maxModelBytes, what), what);
        if (answer.contentType() != null && MediaType.APPLICATION_JSON.isCompatibleWith(answer.contentType())) {
            // The JSON form of a success ({model: base64, finish_reason}) is only sent when asked for; anything else is unexpected.
            throw ExternalFailure.malformed(what + ": expected a GLB, got JSON " + http.excerpt(answer.body()));
        }
        progress.report("download", 94);
        return answer.body();
    }

    static int textureResolution(String complexity) {
        return switch (complexity) {
            case "low" -> 512;
            case "high" -> 2048;
            default -> 1024;
        };
    }
}
