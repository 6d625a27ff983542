package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Picture to 3D with the built-in engine, on a server without external generators: an uploaded PNG becomes a relief (the
 * default for a picture) or a lithophane, stored as a GLB with the usual downloads; pictures the engine cannot read are
 * refused up front.
 */
class ImageReliefTest {
    static final AtomicInteger SEQ = new AtomicInteger();
    static KilnInstance kiln;
    static Api api;

    @BeforeAll
    static void start() {
        kiln = KilnInstance.start(new HashMap<>(TestDatabases.sqlite()));
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    static Session user() {
        return api.register("relief" + SEQ.incrementAndGet());
    }

    static String room(Session owner) {
        Response r = api.post("/api/chat/conversations", Map.of("name", "Prints", "type", "group"), owner.token());
        assertThat(r.status()).isEqualTo(201);
        return r.text("conversationId");
    }

    /** A left-to-right gradient from black to white: a relief of it rises to the right. */
    static byte[] gradientPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int v = x * 255 / (width - 1);
            for (int y = 0; y < height; y++) image.setRGB(x, y, (v << 16) | (v << 8) | v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String upload(Session who, String conversationId, String fileName, byte[] bytes) {
        String boundary = "kiln" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"conversationId\"\r\n\r\n" + conversationId + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response r = api.postRaw("/api/files", "multipart/form-data; boundary=" + boundary, body.toByteArray(), who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("id");
    }

    static Response generate(Session who, String c, String description, String imageFileId, String generator) {
        Map<String, Object> body = new HashMap<>(Map.of("conversationId", c, "imageFileId", imageFileId));
        if (description != null) body.put("description", description);
        if (generator != null) body.put("options", Map.of("generator", generator, "complexity", "low"));
        return api.post("/api/3d/generate", body, who.token());
    }

    @Test
    void theGeneratorListOffersReliefAndLithophaneForPictures() {
        JsonNode list = api.get("/api/3d/generators", user().token()).body().path("generators");
        assertThat(list.toString()).contains("{\"id\":\"relief\",\"name\":\"Relief\",\"input\":\"image\",\"preferred\":true}",
                "{\"id\":\"lithophane\",\"name\":\"Lithophane\",\"input\":\"image\",\"preferred\":false}");
        assertThat(list.get(0).path("id").asString()).isEqualTo("procedural");
        assertThat(list.get(0).path("preferred").asBoolean()).isTrue();
    }

    @Test
    void anUploadedPictureBecomesAReliefNamedAfterTheFileWithEveryDownload(@TempDir Path dir) throws Exception {
        Session ada = user();
        String c = room(ada);
        String image = upload(ada, c, "sunrise.png", gradientPng(120, 60));

        // No description and no generator: the picture's name names it, and a relief is what a picture gets here.
        Response accepted = generate(ada, c, null, image, null);
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String id = accepted.text("generationId");
        JsonNode data = awaitStatus(api, ada, id, "completed").body().path("data");
        assertThat(data.path("generator").asString()).isEqualTo("relief");
        assertThat(data.path("name").asString()).isEqualTo("sunrise.png");
        assertThat(data.path("note").isNull()).isTrue();
        // 10 cm along the longer side, the other follows the picture (2:1), a few millimetres tall.
        JsonNode size = data.path("stats").path("bounds").path("size");
        assertThat(size.get(0).asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(size.get(2).asDouble()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(size.get(1).asDouble()).isBetween(0.005, 0.0071);
        assertThat(data.path("stats").path("triangles").asLong()).isGreaterThan(5_000);

        // Kept as a GLB: no spec to edit, and the other formats are converted from it.
        JsonNode detail = api.get("/api/3d/models/" + id, ada.token()).body();
        assertThat(detail.path("spec").isNull()).isTrue();
        long triangles = data.path("stats").path("triangles").asLong();
        for (String format : List.of("glb", "gltf", "obj", "stl")) {
            Response r = api.get("/api/3d/models/" + id + "/download?format=" + format, ada.token());
            assertThat(r.status()).as(format).isEqualTo(200);
            Files.write(dir.resolve(id + "." + format), r.raw());
        }
        // The Khronos glTF validator and three.js's loaders read every download (mesh/src/test/node/check-exports.mjs).
        JsonNode report = ExportChecks.check(dir);
        for (String f : List.of("glb", "gltf")) {
            assertThat(report.path(id + "." + f).path("validation").path("errors").asInt(-1)).as(f).isZero();
        }
        assertThat(report.path(id + ".obj").path("triangles").asLong()).isEqualTo(triangles);
        assertThat(report.path(id + ".stl").path("triangles").asLong()).isEqualTo(triangles);
        byte[] glb = Files.readAllBytes(dir.resolve(id + ".glb"));
        assertThat(ModelPreviewTest.gltfJson(glb).path("nodes").path(0).path("name").asString()).isEqualTo("relief");
        byte[] stl = Files.readAllBytes(dir.resolve(id + ".stl"));
        long stlTriangles = Integer.toUnsignedLong(ByteBuffer.wrap(stl).order(ByteOrder.LITTLE_ENDIAN).getInt(80));

        // The relief rises with brightness: the highest vertices are on the bright (right, +x) side.
        ByteBuffer s = ByteBuffer.wrap(stl).order(ByteOrder.LITTLE_ENDIAN);
        double topY = 0, xAtTop = 0;
        for (long t = 0; t < stlTriangles; t++) {
            int at = 84 + (int) t * 50 + 12;
            for (int v = 0; v < 3; v++) {
                float x = s.getFloat(at + v * 12), y = s.getFloat(at + v * 12 + 4);
                if (y > topY) {
                    topY = y;
                    xAtTop = x;
                }
            }
        }
        assertThat(xAtTop).isGreaterThan(0.04);

        // The lithophane of the same picture is thick where it is dark, and thinner overall.
        Response litho = generate(ada, c, "window print", image, "lithophane");
        assertThat(litho.status()).as(String.valueOf(litho.body())).isEqualTo(202);
        JsonNode lithoData = awaitStatus(api, ada, litho.text("generationId"), "completed").body().path("data");
        assertThat(lithoData.path("generator").asString()).isEqualTo("lithophane");
        assertThat(lithoData.path("name").asString()).isEqualTo("window print");
        assertThat(lithoData.path("stats").path("bounds").path("size").get(1).asDouble()).isBetween(0.003, 0.0039);
    }

    @Test
    void picturesTheEngineCannotReadAreRefusedUpFront() {
        Session ada = user();
        String c = room(ada);
        String text = upload(ada, c, "notes.txt", "just some notes".getBytes(StandardCharsets.UTF_8));
        Response notAPicture = generate(ada, c, "a relief", text, null);
        assertThat(notAPicture.status()).isEqualTo(400);
        assertThat(notAPicture.body().path("errors").path(0).path("field").asString()).isEqualTo("imageFileId");
        assertThat(notAPicture.text("detail")).contains("PNG, JPEG or WebP");

        // WebP is fine for Stable Fast 3D, but the built-in engine reads PNG and JPEG only.
        byte[] webp = Arrays.copyOf("RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 44);
        String webpId = upload(ada, c, "photo.webp", webp);
        Response refused = generate(ada, c, null, webpId, "relief");
        assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(400);
        assertThat(refused.text("detail")).contains("PNG or JPEG");

        // A PNG signature with nothing readable after it.
        byte[] broken = Arrays.copyOf(gradientPng(40, 40), 60);
        String brokenId = upload(ada, c, "broken.png", broken);
        Response unreadable = generate(ada, c, null, brokenId, "lithophane");
        assertThat(unreadable.status()).as(String.valueOf(unreadable.body())).isEqualTo(400);
        assertThat(unreadable.text("detail")).contains("can read").contains("megapixels");

        // Without a picture a description is still required; a text generator refuses a picture.
        Response blank = api.post("/api/3d/generate", Map.of("description", " ", "conversationId", c), ada.token());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("errors").path(0).path("field").asString()).isEqualTo("description");
        String image = upload(ada, c, "ok.png", gradientPng(40, 40));
        Response textOnly = generate(ada, c, "a vase", image, "procedural");
        assertThat(textOnly.status()).isEqualTo(400);
        assertThat(textOnly.text("detail")).contains("imageFileId");
        // A picture generator needs a picture.
        Response noPicture = api.post("/api/3d/generate", Map.of("description", "a vase", "options", Map.of("generator", "relief")), ada.token());
        assertThat(noPicture.status()).isEqualTo(400);
        assertThat(noPicture.text("detail")).contains("imageFileId");

        // Someone else's picture is as invisible as their file.
        Session eve = user();
        assertThat(api.post("/api/3d/generate", Map.of("imageFileId", image), eve.token()).status()).isIn(403, 404);
    }
}
