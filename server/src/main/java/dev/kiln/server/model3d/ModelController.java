package dev.kiln.server.model3d;

import dev.kiln.server.account.AuthUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Text-to-3D over REST (docs/protocol.md, "Text-to-3D"); generating here behaves exactly like generate_3d_model. */
@RestController
@Tag(name = "3d")
public class ModelController {
    private final ModelService models;
    private final ModelPreviews previews;

    public ModelController(ModelService models, ModelPreviews previews) {
        this.models = models;
        this.previews = previews;
    }

    @PostMapping("/api/3d/generate")
    public ResponseEntity<ModelViews.Accepted> generate(AuthUser caller, @RequestBody(required = false) ModelCommands.Generate body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(models.generate(caller, body));
    }

    @GetMapping("/api/3d/generators")
    public java.util.Map<String, Object> generators(AuthUser caller) {
        return java.util.Map.of("generators", models.generators());
    }

    /** The engine's shapes with their parameters' ranges, so the editor can check a value before it is sent. */
    @GetMapping("/api/3d/shapes")
    public ResponseEntity<java.util.Map<String, Object>> shapes(AuthUser caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(java.util.Map.of("shapes", models.shapes()));
    }

    @GetMapping("/api/3d/status/{id}")
    public ModelViews.Status status(AuthUser caller, @PathVariable String id) {
        return models.status(caller, id);
    }

    @PostMapping("/api/3d/generations/{id}/cancel")
    public ModelViews.Status cancel(AuthUser caller, @PathVariable String id) {
        return models.cancel(caller, id);
    }

    @GetMapping("/api/3d/models/{id}")
    public ModelViews.Detail model(AuthUser caller, @PathVariable String id) {
        return models.model(caller, id);
    }

    @PatchMapping("/api/3d/models/{id}")
    public ModelViews.Summary update(AuthUser caller, @PathVariable String id, @RequestBody(required = false) ModelCommands.Update body) {
        return models.update(caller, id, body);
    }

    @PostMapping("/api/3d/models/{id}/share")
    public ModelViews.Summary share(AuthUser caller, @PathVariable String id, @RequestBody(required = false) ModelCommands.Share body) {
        return models.share(caller, id, body);
    }

    @DeleteMapping("/api/3d/models/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AuthUser caller, @PathVariable String id) {
        models.delete(caller, id);
    }

    @PostMapping("/api/3d/models/{id}/versions")
    public ResponseEntity<ModelViews.Detail> addVersion(AuthUser caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(models.addVersion(caller, id, body));
    }

    /** The GLB of an unsaved spec ({@code {spec, complexity?}}) for the editor; nothing is stored. */
    @PostMapping("/api/3d/preview")
    public ResponseEntity<byte[]> preview(AuthUser caller, HttpServletRequest request) throws IOException {
        byte[] glb = previews.preview(caller, request.getContentLengthLong(), request.getInputStream());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("model/gltf-binary"))
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore())
                .body(glb);
    }

    @GetMapping("/api/3d/assets")
    public ModelViews.AssetPage assets(AuthUser caller, @RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return models.assets(caller, q, tag, page, size);
    }

    @GetMapping("/api/3d/models/{id}/download")
    public ResponseEntity<Resource> download(AuthUser caller, @PathVariable String id, @RequestParam(required = false) String format,
                                             @RequestParam(required = false) Integer version,
                                             @RequestParam(required = false) Integer lod) {
        ModelService.Download d = models.download(caller, id, format, version, lod);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(new FileSystemResource(d.path()));
    }
}
