package dev.kiln.server.files;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatViews.AttachmentView;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Upload files to a conversation and download them (members only). */
@RestController
@Tag(name = "files")
public class FileController {
    private final FileService files;

    public FileController(FileService files) {
        this.files = files;
    }

    @PostMapping(path = "/api/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<AttachmentView> upload(AuthUser caller, @RequestParam(required = false) String conversationId,
                                                 @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(files.upload(caller, conversationId, file));
    }

    @GetMapping("/api/files/{id}")
    public ResponseEntity<Resource> download(AuthUser caller, @PathVariable String id) {
        return serve(files.open(caller, id, false), false);
    }

    @GetMapping("/api/files/{id}/thumbnail")
    public ResponseEntity<Resource> thumbnail(AuthUser caller, @PathVariable String id) {
        return serve(files.open(caller, id, true), true);
    }

    private static ResponseEntity<Resource> serve(FileService.Readable r, boolean thumbnail) {
        StoredFile f = r.file();
        String type = thumbnail ? "image/png" : f.contentType();
        // Only images display inline; everything else downloads, so an uploaded HTML or SVG can never run in our origin.
        boolean inline = type.startsWith("image/") && !type.contains("svg");
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(f.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(new FileSystemResource(r.path()));
    }
}
