package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static dev.kiln.server.model3d.ModelTestSupport.generate;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.kiln.server.ai.FixtureServer;
import dev.kiln.server.ai.FixtureServer.Received;
import dev.kiln.server.ai.FixtureServer.Reply;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The external generators against recorded wire fixtures served over real HTTP: Meshy text-to-3D (create, poll,
 * download) and Stable Fast 3D (multipart image to GLB). Checks what each adapter sends (method, path, bearer key,
 * body), that the delivered GLB becomes a stored model whose four downloads pass the glTF validator and three.js's
 * loaders, that timeouts, error statuses and malformed answers fall back to the built-in engine with a note, that
 * cancelling stops polling, and that the keys never reach a browser or a log line.
 */
class ExternalGeneratorTest {
    static final String MESHY_KEY = "msy-test-0123456789abcdefSECRET";
    static final String STABILITY_KEY = "sk-test-stability-9876543210SECRET";
    static final String TASK = "0193a8f2-4c1e-7d2a-9b1f-6f0c3e2a8d41";
    static final AtomicInteger SEQ = new AtomicInteger();

    static FixtureServer fixtures;
    static KilnInstance kiln;
    static Api api;
    static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        fixtures = new FixtureServer();
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.model3d.generators.meshy.api-key", MESHY_KEY);
        props.put("kiln.model3d.generators.meshy.base-url", fixtures.root("meshy"));
        props.put("kiln.model3d.generators.meshy.poll-interval", "100ms");
        props.put("kiln.model3d.generators.meshy.request-timeout", "1s");
        props.put("kiln.model3d.generators.meshy.timeout", "3s");
        props.put("kiln.model3d.generators.stability.api-key", STABILITY_KEY);
        props.put("kiln.model3d.generators.stability.base-url", fixtures.root("stability"));
        props.put("kiln.model3d.generators.stability.timeout", "2s");
        props.put("kiln.model3d.per-user-limit", "5");
        // Everything Kiln and Spring's HTTP client log is captured and searched for the keys.
        props.put("logging.level.dev.kiln", "DEBUG");
        props.put("logging.level.org.springframework.web.client", "TRACE");
        props.put("logging.level.org.springframework.http", "TRACE");
        kiln = KilnInstance.start(props);
        api = kiln.api;
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        kiln.close();
        fixtures.close();
    }

    @BeforeEach
    void resetRoutes() {
        for (String route : List.of("meshy", "assets", "stability")) fixtures.reset(route);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    static byte[] resource(String name) {
        try (InputStream in = ExternalGeneratorTest.class.getResourceAsStream("/model3d/" + name)) {
            if (in == null) throw new IllegalArgumentException("missing fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded JSON answer; {@code {{assets}}} points at this fixture server's asset route. */
    static Reply json(int status, String name) {
        String body = new String(resource(name), StandardCharsets.UTF_8).replace("{{assets}}", fixtures.root("assets"));
        return FixtureServer.bytes(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply glb(String name) {
        return FixtureServer.bytes(200, "model/gltf-binary", resource(name));
    }

    /** Meshy's happy path: create, pending, in progress, succeeded; then the GLB on the asset host. */
    static void meshySucceeds() {
        fixtures.enqueue("meshy", json(202, "meshy-create.json"), json(200, "meshy-task-pending.json"),
                json(200, "meshy-task-in-progress.json"), json(200, "meshy-task-succeeded.json"));
        fixtures.enqueue("assets", glb("meshy-model.glb"));
    }

    static Session user(String prefix) {
        return api.register(prefix + SEQ.incrementAndGet());
    }

    static String room(Session owner) {
        Response r = api.post("/api/chat/conversations", Map.of("name", "Studio", "type", "group"), owner.token());
        assertThat(r.status()).isEqualTo(201);
        return r.text("conversationId");
    }

    static String accepted(Session who, String description, String room, Map<String, Object> options, String imageFileId) {
        Map<String, Object> body = new HashMap<>();
        body.put("description", description);
        body.put("conversationId", room);
        if (options != null) body.put("options", options);
        if (imageFileId != null) body.put("imageFileId", imageFileId);
        Response r = api.post("/api/3d/generate", body, who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return r.text("generationId");
    }

    static List<JSONObject> drain(BlockingQueue<JSONObject> queue, String generationId) {
        List<JSONObject> out = new ArrayList<>();
        for (JSONObject e : queue) if (generationId.equals(e.optString("generationId"))) out.add(e);
        return out;
    }

    /** Downloads every format into {@code dir} and runs the glTF validator and three.js loaders over them. */
    static JsonNode downloadAndCheck(Session who, String id, Path dir) throws IOException {
        for (String format : List.of("glb", "gltf", "obj", "stl")) {
            Response r = api.get("/api/3d/models/" + id + "/download?format=" + format, who.token());
            assertThat(r.status()).as(format + ": " + r.body()).isEqualTo(200);
            Files.write(dir.resolve(id + "." + format), r.raw());
        }
        return ExportChecks.check(dir);
    }

    void assertNoKeyLeaked(String... texts) {
        for (String t : texts) assertThat(t).doesNotContain(MESHY_KEY).doesNotContain(STABILITY_KEY);
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(line).doesNotContain(MESHY_KEY).doesNotContain(STABILITY_KEY);
        }
    }

    // ---- Meshy --------------------------------------------------------------------------------------------------

    @Test
    void meshyCreatesPollsAndDownloadsAndTheGlbBecomesAModelWithFourWorkingDownloads(@TempDir Path dir) throws Exception {
        Session ada = user("meshy");
        String c = room(ada);
        meshySucceeds();
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            JSONObject ack = socket.emitWithAck("generate_3d_model", new JSONObject(Map.of("description", "a red rocket",
                    "options", Map.of("generator", "meshy"), "conversationId", c)));
            assertThat(ack.has("error")).as(ack.toString()).isFalse();
            String id = ack.getString("generationId");
            JSONObject done = socket.next("3d_generation_completed", "generationId", id, 20_000);
            assertThat(done).as("completed").isNotNull();
            assertThat(done.getString("generator")).isEqualTo("meshy");
            assertThat(done.isNull("note")).isTrue();
            assertThat(done.getJSONObject("stats").getLong("triangles")).isEqualTo(152); // the recorded GLB's own count

            JSONObject started = socket.next("3d_generation_started", "generationId", id, 1000);
            assertThat(started.getString("generator")).isEqualTo("meshy");
            List<JSONObject> progress = drain(socket.queue("3d_generation_progress"), id);
            List<String> stages = progress.stream().map(e -> e.optString("stage")).distinct().toList();
            assertThat(stages).containsSubsequence("interpret", "submit", "remote", "download", "import", "store", "done");
            int last = -1;
            for (JSONObject p : progress) {
                assertThat(p.getInt("percent")).as("progress never goes back: " + progress).isGreaterThanOrEqualTo(last);
                last = p.getInt("percent");
            }
            // Meshy's own 60 % arrives as a percentage between the submit and download steps.
            assertThat(progress).anySatisfy(p -> {
                assertThat(p.optString("stage")).isEqualTo("remote");
                assertThat(p.optInt("percent")).isBetween(40, 60);
            });

            // What went over the wire: create with the bearer key, then polls of that task, then the signed URL without it.
            List<Received> meshy = fixtures.requests("meshy");
            Received create = meshy.getFirst();
            assertThat(create.method()).isEqualTo("POST");
            assertThat(create.path()).isEqualTo("/meshy/openapi/v2/text-to-3d");
            assertThat(create.header("Authorization")).isEqualTo("Bearer " + MESHY_KEY);
            assertThat(create.header("Content-Type")).startsWith("application/json");
            JsonNode body = Api.JSON.readTree(create.body());
            assertThat(body.path("mode").asString()).isEqualTo("preview");
            assertThat(body.path("prompt").asString()).isEqualTo("a red rocket");
            assertThat(body.path("ai_model").asString()).isEqualTo("latest");
            assertThat(body.path("topology").asString()).isEqualTo("triangle");
            assertThat(body.path("target_polycount").asInt()).isEqualTo(30_000);
            assertThat(meshy.subList(1, meshy.size())).hasSize(3).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/meshy/openapi/v2/text-to-3d/" + TASK);
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + MESHY_KEY);
            });
            Received asset = fixtures.requests("assets").getFirst();
            assertThat(asset.method()).isEqualTo("GET");
            assertThat(asset.path()).isEqualTo("/assets/tasks/" + TASK + "/output/model.glb");
            assertThat(asset.header("Authorization")).as("the key never goes to the asset host").isNull();

            Response status = awaitStatus(api, ada, id, "completed");
            assertThat(status.body().path("data").path("generator").asString()).isEqualTo("meshy");
            Response detail = api.get("/api/3d/models/" + id, ada.token());
            assertThat(detail.body().path("spec").isNull()).as("an external model has no spec").isTrue();
            assertThat(detail.body().path("stats").path("triangles").asLong()).isEqualTo(152);

            // The GLB is kept as delivered; glTF, OBJ and STL are converted from it and pass the validator and loaders.
            JsonNode report = downloadAndCheck(ada, id, dir);
            assertThat(Files.readAllBytes(dir.resolve(id + ".glb"))).isEqualTo(resource("meshy-model.glb"));
            for (String f : List.of("glb", "gltf")) {
                JsonNode v = report.path(id + "." + f).path("validation");
                assertThat(v.path("errors").asInt(-1)).as(f + ": " + v.path("messages")).isZero();
                assertThat(report.path(id + "." + f).path("triangles").asLong()).as(f).isEqualTo(152);
            }
            assertThat(report.path(id + ".obj").path("triangles").asLong()).isEqualTo(152);
            // STL is one printable mesh: faces hidden where parts touch are dropped, so it has at most as many triangles.
            assertThat(report.path(id + ".stl").path("triangles").asLong()).isBetween(100L, 152L);
            // And the model reached the conversation like any other.
            assertThat(api.get("/api/chat/conversations/" + c, ada.token()).body().path("messages").toString()).contains("/api/3d/models/" + id);

            assertNoKeyLeaked(ack.toString(), done.toString(), started.toString(), progress.toString(), status.body().toString(),
                    detail.body().toString(), api.get("/api/3d/generators", ada.token()).body().toString());
        }
    }

    @Test
    void withoutAChoiceTextGoesToMeshyAndTheListSaysWhatIsConfigured() throws Exception {
        Session ada = user("auto");
        JsonNode list = api.get("/api/3d/generators", ada.token()).body().path("generators");
        assertThat(list.toString()).contains("\"id\":\"procedural\"", "\"id\":\"meshy\"", "\"id\":\"stability\"");
        assertThat(list.get(1).path("preferred").asBoolean()).as(list.toString()).isTrue();
        assertThat(list.get(2).path("input").asString()).isEqualTo("image");

        meshySucceeds();
        String id = accepted(ada, "a red rocket", room(ada), null, null);
        assertThat(awaitStatus(api, ada, id, "completed").body().path("data").path("generator").asString()).isEqualTo("meshy");

        // options.generator = procedural never calls out.
        fixtures.requests("meshy").clear();
        String local = accepted(ada, "a red rocket", null, Map.of("generator", "procedural"), null);
        assertThat(awaitStatus(api, ada, local, "completed").body().path("data").path("generator").asString()).isEqualTo("procedural");
        assertThat(fixtures.requests("meshy")).isEmpty();
    }

    /** One fall-back case: what Meshy does, and the note people then see. */
    record Fallback(String name, Runnable script, String note) {}

    @Test
    void timeoutsErrorStatusesAndMalformedAnswersFallBackToTheBuiltInEngineWithANote() throws Exception {
        Session ada = user("fallback");
        String c = room(ada);
        List<Fallback> cases = List.of(
                new Fallback("create hangs past the request timeout",
                        () -> fixtures.enqueue("meshy", FixtureServer.hang()), "Meshy timed out"),
                new Fallback("the task stays in progress past the whole timeout",
                        () -> {
                            fixtures.enqueue("meshy", json(202, "meshy-create.json"));
                            for (int i = 0; i < 60; i++) fixtures.enqueue("meshy", json(200, "meshy-task-in-progress.json"));
                        }, "Meshy timed out"),
                new Fallback("HTTP 500", () -> fixtures.enqueue("meshy", json(500, "meshy-error-500.json")), "Meshy answered HTTP 500"),
                new Fallback("HTTP 401", () -> fixtures.enqueue("meshy", json(401, "meshy-error-401.json")),
                        "Meshy refused the server's API key (HTTP 401)"),
                new Fallback("garbage instead of JSON", () -> fixtures.enqueue("meshy", json(202, "meshy-create.json"),
                        FixtureServer.bytes(200, "text/html", "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8))),
                        "Meshy sent a response Kiln could not read"),
                new Fallback("JSON without a task id", () -> fixtures.enqueue("meshy",
                        FixtureServer.bytes(202, "application/json", "{\"result\":null}".getBytes(StandardCharsets.UTF_8))),
                        "Meshy sent a response Kiln could not read"),
                new Fallback("the task fails", () -> fixtures.enqueue("meshy", json(202, "meshy-create.json"),
                        json(200, "meshy-task-failed.json")), "Meshy could not make it (Prompt rejected by content moderation)"),
                new Fallback("the GLB is not a GLB", () -> {
                    fixtures.enqueue("meshy", json(202, "meshy-create.json"), json(200, "meshy-task-succeeded.json"));
                    fixtures.enqueue("assets", FixtureServer.bytes(200, "model/gltf-binary", "glTF but not really".getBytes(StandardCharsets.UTF_8)));
                }, "Meshy sent a response Kiln could not read"));
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            for (Fallback f : cases) {
                resetRoutes();
                f.script().run();
                String id = accepted(ada, "a red rocket", c, Map.of("generator", "meshy", "complexity", "low"), null);
                JSONObject done = socket.next("3d_generation_completed", "generationId", id, 20_000);
                assertThat(done).as(f.name()).isNotNull();
                String note = f.note() + "; made with the built-in engine instead";
                assertThat(done.getString("note")).as(f.name()).isEqualTo(note);
                assertThat(done.getString("generator")).as(f.name()).isEqualTo("procedural");
                Response status = awaitStatus(api, ada, id, "completed");
                assertThat(status.body().path("data").path("note").asString()).as(f.name()).isEqualTo(note);
                assertThat(status.body().path("data").path("generator").asString()).isEqualTo("procedural");
                // Built by the engine from the description: a rocket, with its spec.
                assertThat(api.get("/api/3d/models/" + id, ada.token()).body().path("spec").toString()).contains("rocket");
                assertThat(api.get("/api/3d/models/" + id + "/download?format=glb", ada.token()).status()).isEqualTo(200);
                assertThat(drain(socket.queue("3d_generation_progress"), id)).anySatisfy(p ->
                        assertThat(p.optString("note")).isEqualTo(note));
                socket.queue("3d_generation_progress").clear();
            }
        }
        // The server log says what went wrong (the capture works), without the key.
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("Meshy failed, using the built-in engine instead").contains("HTTP 401"));
        assertNoKeyLeaked();
    }

    @Test
    void levelsOfDetailOfATexturedModelKeepItsTextureAndUvs(@TempDir Path dir) throws Exception {
        Session ada = user("lod");
        fixtures.enqueue("meshy", json(202, "meshy-create.json"), json(200, "meshy-task-succeeded.json"));
        fixtures.enqueue("assets", glb("meshy-textured-model.glb"));
        String id = accepted(ada, "a red and white globe", null, Map.of("generator", "meshy"), null);
        Response done = awaitStatus(api, ada, id, "completed");
        assertThat(done.body().path("data").path("generator").asString()).isEqualTo("meshy");
        long triangles = done.body().path("data").path("stats").path("triangles").asLong();
        assertThat(triangles).isEqualTo(2208);
        de.javagl.jgltf.model.GltfModel delivered = gltf(resource("meshy-textured-model.glb"));
        byte[] picture = bytes(delivered.getImageModels().getFirst().getImageData());

        long previous = triangles;
        for (int lod : List.of(1, 2)) {
            Response r = api.get("/api/3d/models/" + id + "/download?format=glb&lod=" + lod, ada.token());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("model/gltf-binary");
            Files.write(dir.resolve("lod" + lod + ".glb"), r.raw());
            de.javagl.jgltf.model.GltfModel simpler = gltf(r.raw());
            var primitive = simpler.getMeshModels().getFirst().getMeshPrimitiveModels().getFirst();
            // Fewer triangles, still mapped onto the same picture.
            long lodTriangles = primitive.getIndices().getCount() / 3;
            assertThat(lodTriangles).as("lod " + lod).isLessThan(previous).isLessThanOrEqualTo(Math.round(triangles * (lod == 1 ? 0.31 : 0.15)));
            previous = lodTriangles;
            assertThat(primitive.getAttributes()).as("lod " + lod).containsKeys("POSITION", "NORMAL", "TEXCOORD_0");
            var material = (de.javagl.jgltf.model.v2.MaterialModelV2) primitive.getMaterialModel();
            assertThat(material.getBaseColorTexture()).as("lod " + lod).isNotNull();
            assertThat(bytes(material.getBaseColorTexture().getImageModel().getImageData())).isEqualTo(picture);
        }
        JsonNode report = ExportChecks.check(dir);
        for (String f : List.of("lod1.glb", "lod2.glb")) {
            assertThat(report.path(f).path("validation").path("errors").asInt(-1)).as(f + ": " + report.path(f)).isZero();
        }
    }

    static de.javagl.jgltf.model.GltfModel gltf(byte[] glb) throws IOException {
        return new de.javagl.jgltf.model.io.GltfModelReader().readWithoutReferences(new java.io.ByteArrayInputStream(glb));
    }

    static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    @Test
    void aVersionSavedFromAnEditCarriesNoneOfTheGenerationsNote() throws Exception {
        Session ada = user("edit");
        fixtures.enqueue("meshy", json(500, "meshy-error-500.json"));
        String id = accepted(ada, "a red rocket", null, Map.of("generator", "meshy", "complexity", "low"), null);
        String note = "Meshy answered HTTP 500; made with the built-in engine instead";
        assertThat(awaitStatus(api, ada, id, "completed").body().path("data").path("note").asString()).isEqualTo(note);

        JsonNode spec = api.get("/api/3d/models/" + id, ada.token()).body().path("spec");
        ((tools.jackson.databind.node.ObjectNode) spec.path("objects").get(0)).put("name", "my own rocket");
        Response saved = api.post("/api/3d/models/" + id + "/versions", Map.of("spec", spec), ada.token());
        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(201);
        assertThat(saved.body().path("version").asInt()).isEqualTo(2);
        assertThat(saved.body().path("note").isNull()).as(saved.body().toString()).isTrue();
        assertThat(saved.body().path("generator").asString()).isEqualTo("procedural");
        assertThat(api.get("/api/3d/status/" + id, ada.token()).body().path("data").path("note").isNull()).isTrue();
        JsonNode listed = api.get("/api/3d/assets?q=red+rocket", ada.token()).body().path("items");
        assertThat(listed.findValues("id").stream().map(JsonNode::asString).toList()).contains(id);
        for (JsonNode item : listed) if (item.path("id").asString().equals(id)) assertThat(item.path("note").isNull()).isTrue();
    }

    @Test
    void whenMeshyFailsAndTheEngineCannotReadTheDescriptionTheJobFailsWithBothReasons() throws Exception {
        Session ada = user("both");
        fixtures.enqueue("meshy", json(500, "meshy-error-500.json"));
        // Meshy would take any prompt, so the job is accepted although the built-in engine knows none of these words.
        String id = accepted(ada, "an ornate baroque harpsichord", null, Map.of("generator", "meshy"), null);
        Response failed = awaitStatus(api, ada, id, "failed");
        assertThat(failed.body().path("data").path("error").asString())
                .startsWith("Meshy answered HTTP 500, and the built-in engine could not build this description either")
                .contains("harpsichord");
        // Without an external generator the same description is refused at once.
        Response refused = generate(api, ada, "an ornate baroque harpsichord", null, Map.of("generator", "procedural"));
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void cancellingStopsPolling() throws Exception {
        Session ada = user("cancel");
        fixtures.enqueue("meshy", json(202, "meshy-create.json"));
        for (int i = 0; i < 60; i++) fixtures.enqueue("meshy", json(200, "meshy-task-in-progress.json"));
        String id = accepted(ada, "a red rocket", null, Map.of("generator", "meshy"), null);
        long deadline = System.currentTimeMillis() + 10_000;
        while (fixtures.requests("meshy").size() < 4 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertThat(fixtures.requests("meshy").size()).as("polling started").isGreaterThanOrEqualTo(4);

        Response cancelled = api.post("/api/3d/generations/" + id + "/cancel", Map.of(), ada.token());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        Thread.sleep(150); // a poll already on the wire may still land
        int afterCancel = fixtures.requests("meshy").size();
        Thread.sleep(800); // eight poll intervals
        assertThat(fixtures.requests("meshy")).as("no polls after cancelling").hasSize(afterCancel);
        assertThat(api.get("/api/3d/status/" + id, ada.token()).text("status")).isEqualTo("cancelled");
        assertThat(fixtures.requests("assets")).isEmpty();
    }

    // ---- Stable Fast 3D -------------------------------------------------------------------------------------------

    static String uploadImage(Session who, String conversationId, String fileName, byte[] bytes) {
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

    @Test
    void stableFast3dTurnsAnUploadedPictureIntoAModel(@TempDir Path dir) throws Exception {
        Session ada = user("sf3d");
        String c = room(ada);
        String image = uploadImage(ada, c, "vase-photo.png", resource("vase-photo.png"));
        fixtures.enqueue("stability", glb("stability-model.glb"));
        // An image without a named generator goes to the image generator.
        String id = accepted(ada, "a blue vase", c, Map.of("complexity", "high"), image);
        Response done = awaitStatus(api, ada, id, "completed");
        assertThat(done.body().path("data").path("generator").asString()).isEqualTo("stability");
        assertThat(done.body().path("data").path("stats").path("triangles").asLong()).isEqualTo(432);

        Received r = fixtures.requests("stability").getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/stability/v2beta/3d/stable-fast-3d");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + STABILITY_KEY);
        assertThat(r.header("Content-Type")).startsWith("multipart/form-data;boundary=").doesNotContain("\"");
        assertThat(r.header("Accept")).contains("model/gltf-binary");
        assertThat(r.body()).contains("Content-Disposition: form-data; name=\"image\"; filename=\"vase-photo.png\"")
                .contains("Content-Type: image/png").contains("PNG")
                .containsPattern("name=\"texture_resolution\"[^\\n]*\\r?\\n(?:[^\\n]*\\r?\\n)*?2048")
                .containsPattern("name=\"foreground_ratio\"[^\\n]*\\r?\\n(?:[^\\n]*\\r?\\n)*?0.85")
                .containsPattern("name=\"remesh\"[^\\n]*\\r?\\n(?:[^\\n]*\\r?\\n)*?none");

        JsonNode report = downloadAndCheck(ada, id, dir);
        assertThat(Files.readAllBytes(dir.resolve(id + ".glb"))).isEqualTo(resource("stability-model.glb"));
        assertThat(report.path(id + ".gltf").path("validation").path("errors").asInt(-1)).isZero();
        assertThat(report.path(id + ".obj").path("triangles").asLong()).isEqualTo(432);
        assertThat(report.path(id + ".stl").path("triangles").asLong()).isBetween(300L, 432L);

        // A 400 from Stability falls back with its own reason in the note.
        fixtures.enqueue("stability", json(400, "stability-error-400.json"));
        // A picture job falls back to a relief of the picture (the description may be just a file name).
        String refused = accepted(ada, "a blue vase", c, Map.of("generator", "stability"), image);
        JsonNode refusedData = awaitStatus(api, ada, refused, "completed").body().path("data");
        assertThat(refusedData.path("note").asString())
                .isEqualTo("Stable Fast 3D answered HTTP 400 (image: the image's dimensions must be at least 64x64 pixels); "
                        + "made a relief of the picture with the built-in engine instead");
        assertThat(refusedData.path("generator").asString()).isEqualTo("relief");
        fixtures.enqueue("stability", json(500, "stability-error-500.json"));
        String broken = accepted(ada, "vase-photo.png", c, Map.of("generator", "stability"), image);
        assertThat(awaitStatus(api, ada, broken, "completed").body().path("data").path("note").asString())
                .isEqualTo("Stable Fast 3D answered HTTP 500; made a relief of the picture with the built-in engine instead");
        assertNoKeyLeaked(done.body().toString());
    }

    @Test
    void requestsThatNoConfiguredGeneratorCanServeAreRefused() throws Exception {
        Session ada = user("choice");
        String c = room(ada);
        String image = uploadImage(ada, c, "vase-photo.png", resource("vase-photo.png"));
        String text = uploadImage(ada, c, "notes.txt", "just some notes".getBytes(StandardCharsets.UTF_8));

        Response unknown = generate(api, ada, "a red rocket", c, Map.of("generator", "replicate"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("detail").asString()).contains("options.generator").contains("procedural, meshy, stability");

        Response noImage = generate(api, ada, "a blue vase", c, Map.of("generator", "stability"));
        assertThat(noImage.status()).isEqualTo(400);
        assertThat(noImage.body().path("detail").asString()).contains("imageFileId");

        Map<String, Object> withImage = new HashMap<>(Map.of("description", "a red rocket", "conversationId", c, "imageFileId", image,
                "options", Map.of("generator", "meshy")));
        assertThat(api.post("/api/3d/generate", withImage, ada.token()).status()).isEqualTo(400);

        withImage.put("imageFileId", text);
        withImage.put("options", Map.of("generator", "stability"));
        Response notAPicture = api.post("/api/3d/generate", withImage, ada.token());
        assertThat(notAPicture.status()).isEqualTo(400);
        assertThat(notAPicture.body().path("detail").asString()).contains("PNG, JPEG or WebP");

        // Someone else's picture is as invisible as their file.
        Session eve = user("eve");
        withImage.put("imageFileId", image);
        assertThat(api.post("/api/3d/generate", Map.of("description", "a vase", "imageFileId", image), eve.token()).status())
                .isIn(403, 404);
        assertThat(fixtures.requests("meshy")).isEmpty();
        assertThat(fixtures.requests("stability")).isEmpty();
    }
}
