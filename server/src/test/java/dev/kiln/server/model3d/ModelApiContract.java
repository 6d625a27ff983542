package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.accepted;
import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static dev.kiln.server.model3d.ModelTestSupport.completedModel;
import static dev.kiln.server.model3d.ModelTestSupport.generate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.shared.Ids;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text-to-3D service over REST and Socket.IO, run once per storage engine by the subclasses:
 * job lifecycle and room events, downloads, the asset library, versions, cancellation, limits,
 * bad input and permissions.
 */
abstract class ModelApiContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static KilnInstance kiln;
    static Api api;

    static void startWith(Map<String, Object> props) {
        kiln = KilnInstance.start(props);
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @AfterEach
    void openGate() {
        ModelTestSupport.Gate.remove(kiln);
    }

    static Session user(String prefix) {
        return api.register(prefix + SEQ.incrementAndGet());
    }

    static String room(Session owner, Session... members) {
        Response r = api.post("/api/chat/conversations", Map.of("name", "Workshop", "type", "group",
                "participantIds", java.util.Arrays.stream(members).map(Session::id).toList()), owner.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("conversationId");
    }

    @Test
    void generationOverTheSocketStreamsOrderedProgressToTheWholeRoomAndPostsTheModel() throws Exception {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, bob);
        try (SocketClient adaSocket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect();
             SocketClient bobSocket = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            JSONObject ack = adaSocket.emitWithAck("generate_3d_model", new JSONObject(Map.of(
                    "description", "a wooden table with four legs", "options", Map.of("complexity", "low"), "conversationId", c)));
            assertThat(ack.has("error")).as(ack.toString()).isFalse();
            String id = ack.getString("generationId");
            assertThat(ack.getString("status")).isEqualTo("queued");

            JSONObject started = bobSocket.next("3d_generation_started", "generationId", id, 10_000);
            assertThat(started).isNotNull();
            assertThat(started.getString("conversationId")).isEqualTo(c);
            assertThat(started.getString("description")).isEqualTo("a wooden table with four legs");

            JSONObject completed = bobSocket.next("3d_generation_completed", "generationId", id, 20_000);
            assertThat(completed).as("completed event").isNotNull();
            assertThat(completed.getString("modelId")).isEqualTo(id);
            assertThat(completed.getJSONObject("urls").getString("glb")).isEqualTo("/api/3d/models/" + id + "/download?format=glb");
            for (String format : List.of("glb", "gltf", "obj", "stl")) assertThat(completed.getJSONObject("urls").has(format)).isTrue();
            assertThat(completed.getJSONObject("stats").getLong("triangles")).isPositive();

            List<Integer> percents = new ArrayList<>();
            List<String> stages = new ArrayList<>();
            for (JSONObject p; (p = bobSocket.next("3d_generation_progress", 200)) != null; ) {
                if (!p.getString("generationId").equals(id)) continue;
                percents.add(p.getInt("percent"));
                stages.add(p.getString("stage"));
            }
            assertThat(percents).hasSizeGreaterThan(3).isSorted();
            assertThat(percents.getFirst()).isZero();
            assertThat(percents.getLast()).isEqualTo(100);
            assertThat(stages).containsSubsequence("interpret", "build", "export", "store", "done");

            JSONObject message = bobSocket.next("new_message", "userId", ada.id(), 5_000);
            assertThat(message).as("model message").isNotNull();
            assertThat(message.getString("message")).startsWith("🧊 a wooden table with four legs").contains("/api/3d/models/" + id);
            // The requester's own tabs get the same events.
            assertThat(adaSocket.next("3d_generation_completed", "generationId", id, 5_000)).isNotNull();

            Response status = api.get("/api/3d/status/" + id, bob.token());
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.text("status")).isEqualTo("completed");
            assertThat(status.body().path("progress").asInt()).isEqualTo(100);
            assertThat(status.body().path("data").path("urls").path("stl").asString()).endsWith("format=stl");
            assertThat(status.body().path("data").path("stats").path("triangles").asLong())
                    .isEqualTo(completed.getJSONObject("stats").getLong("triangles"));
            assertThat(status.body().path("data").path("ownerUsername").asString()).isEqualTo(ada.username());
        }
    }

    @Test
    void downloadsAreValidGlbGltfObjAndBinaryStl() throws Exception {
        Session ada = user("ada");
        String id = completedModel(api, ada, "a wooden table with four legs", null);
        long triangles = api.get("/api/3d/status/" + id, ada.token()).body().path("data").path("stats").path("triangles").asLong();

        Response glb = api.get("/api/3d/models/" + id + "/download?format=glb", ada.token());
        assertThat(glb.status()).isEqualTo(200);
        assertThat(glb.header("Content-Type")).isEqualTo("model/gltf-binary");
        assertThat(glb.header("Content-Disposition")).startsWith("attachment").contains("wooden-table-with-four-legs.glb");
        ByteBuffer b = ByteBuffer.wrap(glb.raw()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(glb.raw(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        assertThat(b.getInt(4)).isEqualTo(2);
        assertThat(b.getInt(8)).isEqualTo(glb.raw().length);
        // Model viewers load by URL, so downloads (and only downloads) accept ?access_token=.
        assertThat(api.get("/api/3d/models/" + id + "/download?format=glb&access_token=" + ada.token(), null).raw()).isEqualTo(glb.raw());
        assertThat(api.get("/api/3d/models/" + id + "?access_token=" + ada.token(), null).status()).isEqualTo(401);

        Response gltf = api.get("/api/3d/models/" + id + "/download?format=gltf", ada.token());
        assertThat(gltf.status()).isEqualTo(200);
        assertThat(gltf.header("Content-Disposition")).contains(".gltf");
        JsonNode gltfJson = Api.JSON.readTree(gltf.raw());
        assertThat(gltfJson.path("asset").path("version").asString()).isEqualTo("2.0");
        assertThat(gltfJson.path("buffers").path(0).path("uri").asString()).startsWith("data:");

        Response obj = api.get("/api/3d/models/" + id + "/download?format=obj", ada.token());
        assertThat(obj.status()).isEqualTo(200);
        assertThat(obj.header("Content-Disposition")).contains(".obj");
        List<String> lines = new String(obj.raw(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("v ")).anyMatch(l -> l.startsWith("f "));
        assertThat(lines.stream().filter(l -> l.startsWith("f ")).count()).isGreaterThan(0);

        Response zip = api.get("/api/3d/models/" + id + "/download?format=obj.zip", ada.token());
        assertThat(zip.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.raw()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.add(e.getName());
        }
        assertThat(entries).containsExactlyInAnyOrder("a-wooden-table-with-four-legs.obj", "a-wooden-table-with-four-legs.mtl");

        Response stl = api.get("/api/3d/models/" + id + "/download?format=stl", ada.token());
        assertThat(stl.status()).isEqualTo(200);
        assertThat(stl.header("Content-Disposition")).contains(".stl");
        ByteBuffer s = ByteBuffer.wrap(stl.raw()).order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(s.getInt(80));
        assertThat(stl.raw().length).isEqualTo(84 + 50 * (int) count);
        assertThat(count).isEqualTo(triangles);

        // A second download of a cached format is the same file.
        assertThat(api.get("/api/3d/models/" + id + "/download?format=stl", ada.token()).raw()).isEqualTo(stl.raw());
        assertThat(api.get("/api/3d/models/" + id + "/download?format=fbx", ada.token()).status()).isEqualTo(400);
    }

    @Test
    void largeModelsHaveSimplerLevelsOfDetailForViewersFarAway() throws Exception {
        Session ada = user("lod");
        Response r = generate(api, ada, "a sphere", null, Map.of("complexity", "high"));
        assertThat(r.status()).isEqualTo(202);
        String id = r.text("generationId");
        awaitStatus(api, ada, id, "completed");
        dev.kiln.mesh.Mesh3dEngine engine = new dev.kiln.mesh.Mesh3dEngine();
        long[] triangles = new long[3];
        double[] heights = new double[3];
        for (int level = 0; level < 3; level++) {
            Response glb = api.get("/api/3d/models/" + id + "/download?format=glb" + (level > 0 ? "&lod=" + level : ""), ada.token());
            assertThat(glb.status()).as("lod " + level).isEqualTo(200);
            if (level > 0) assertThat(glb.header("Content-Disposition")).contains("-lod" + level + ".glb");
            dev.kiln.mesh.GeneratedModel read = engine.importGlb(glb.raw());
            triangles[level] = read.stats().triangles();
            heights[level] = read.stats().bounds().height();
        }
        // About 30 % and 8 % of the triangles, the same size and place.
        assertThat(triangles[1]).isBetween((long) (triangles[0] * 0.2), (long) (triangles[0] * 0.4));
        assertThat(triangles[2]).isBetween(100L, (long) (triangles[0] * 0.15));
        assertThat(heights[1]).isCloseTo(heights[0], org.assertj.core.data.Offset.offset(heights[0] * 0.05));
        assertThat(heights[2]).isCloseTo(heights[0], org.assertj.core.data.Offset.offset(heights[0] * 0.15));
        assertThat(api.get("/api/3d/models/" + id + "/download?format=glb&lod=3", ada.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/3d/models/" + id + "/download?format=stl&lod=1", ada.token()).status()).isEqualTo(400);
    }

    @Test
    void modelSummaryHasTheSpecAndTheInterpretersReport() throws Exception {
        Session ada = user("ada");
        String id = completedModel(api, ada, "a wooden table with four legs and glitter", null);
        Response r = api.get("/api/3d/models/" + id, ada.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("id")).isEqualTo(id);
        assertThat(r.text("status")).isEqualTo("completed");
        assertThat(r.body().path("version").asInt()).isEqualTo(1);
        assertThat(r.body().path("spec").path("objects").path(0).path("shape").asString()).isEqualTo("table");
        assertThat(r.body().path("interpretation").path("understood").findValuesAsString("phrase")).contains("table");
        assertThat(r.body().path("interpretation").path("ignored").isArray()).isTrue();
        assertThat(r.body().path("options").path("complexity").asString()).isEqualTo("medium");
        assertThat(r.body().path("urls").path("glb").asString()).contains(id);
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() throws Exception {
        Session ada = user("ada");
        Response blank = generate(api, ada, "   ", null, null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.header("Content-Type")).contains("problem+json");
        assertThat(blank.body().path("errors").path(0).path("field").asString()).isEqualTo("description");

        Response tooLong = generate(api, ada, "a red cube ".repeat(200), null, null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("detail")).contains("at most 2000 characters");
        assertThat(generate(api, ada, "a".repeat(2000), null, null).status()).as("2000 characters are allowed, but name no shape").isEqualTo(400);

        Response complexity = generate(api, ada, "a red cube", null, Map.of("complexity", "ultra"));
        assertThat(complexity.status()).isEqualTo(400);
        assertThat(complexity.body().path("errors").path(0).path("field").asString()).isEqualTo("options.complexity");
        assertThat(complexity.text("detail")).contains("low, medium, high");
        assertThat(generate(api, ada, "a red cube", null, Map.of("style", "neon")).status()).isEqualTo(400);

        Response nonsense = generate(api, ada, "asdf qwerty", null, null);
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.text("detail")).contains("no object").contains("asdf");

        Response absurd = generate(api, ada, "a red cube 1000000 km wide", null, null);
        assertThat(absurd.status()).isEqualTo(400);
        assertThat(absurd.text("detail")).contains("maximum scale");

        assertThat(generate(api, ada, "a red cube", "not-an-id", null).status()).isEqualTo(400);
        assertThat(api.post("/api/3d/generate", "{\"description\": 5, \"options\": []}", ada.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/3d/generate", "{", ada.token()).status()).isEqualTo(400);

        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            JSONObject ack = socket.emitWithAck("generate_3d_model", new JSONObject(Map.of("description", "")));
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("bad_request");
            JSONObject wrongShape = socket.emitWithAck("generate_3d_model", new JSONObject(Map.of("description", "a cube", "options", "high")));
            assertThat(wrongShape.getJSONObject("error").getString("code")).isEqualTo("bad_request");
        }
        assertThat(api.get("/api/3d/assets", ada.token()).body().path("total").asLong()).isZero();
    }

    @Test
    void permissionsHideOthersModelsAndGuardChanges() throws Exception {
        Session ada = user("ada");
        Session bob = user("bob");
        Session eve = user("eve");
        String c = room(ada, bob);
        String privateModel = completedModel(api, ada, "a red cube", null);
        String shared = completedModel(api, ada, "a blue sphere", c);

        for (String path : List.of("/api/3d/assets", "/api/3d/status/" + privateModel, "/api/3d/models/" + privateModel)) {
            Response r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.header("Content-Type")).contains("problem+json");
        }
        assertThat(generate(api, new Session(null, null, null, null), "a cube", null, null).status()).isEqualTo(401);

        // Someone else's private model does not exist for them.
        for (String path : List.of("/api/3d/status/" + privateModel, "/api/3d/models/" + privateModel,
                "/api/3d/models/" + privateModel + "/download?format=glb", "/api/3d/models/" + Ids.format(Ids.next()))) {
            assertThat(api.get(path, bob.token()).status()).as(path).isEqualTo(404);
        }
        assertThat(api.post("/api/3d/generations/" + privateModel + "/cancel", Map.of(), bob.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/3d/models/" + privateModel, bob.token()).status()).isEqualTo(404);
        assertThat(api.patch("/api/3d/models/" + privateModel, Map.of("name", "mine"), bob.token()).status()).isEqualTo(404);

        // A room member sees what was made in the room, but only the owner changes it.
        assertThat(api.get("/api/3d/models/" + shared, bob.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/3d/models/" + shared + "/download?format=stl", bob.token()).status()).isEqualTo(200);
        assertThat(api.patch("/api/3d/models/" + shared, Map.of("name", "bob's"), bob.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/3d/models/" + shared, bob.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/3d/models/" + shared, eve.token()).status()).isEqualTo(404);

        // Conversations you are not in: 403.
        Response outsider = generate(api, eve, "a red cube", c, null);
        assertThat(outsider.status()).isEqualTo(403);
        String eveRoom = room(eve);
        assertThat(api.post("/api/3d/models/" + privateModel + "/share", Map.of("conversationId", eveRoom), ada.token()).status())
                .isEqualTo(403);
        assertThat(generate(api, ada, "a red cube", Ids.format(Ids.next()), null).status()).isEqualTo(404);
    }

    @Test
    void assetLibrarySearchesByTextAndTagPagesAndFollowsShares() throws Exception {
        Session ada = user("ada");
        Session bob = user("bob");
        String cube = completedModel(api, ada, "a red cube", null);
        String sphere = completedModel(api, ada, "a blue sphere", null);
        String table = completedModel(api, ada, "a wooden table", null);

        Response tagged = api.patch("/api/3d/models/" + table, Map.of("name", "Kitchen table", "tags", List.of("Furniture", "wood")), ada.token());
        assertThat(tagged.status()).as(String.valueOf(tagged.body())).isEqualTo(200);
        assertThat(tagged.text("name")).isEqualTo("Kitchen table");
        assertThat(tagged.body().path("tags").toString()).isEqualTo("[\"furniture\",\"wood\"]");
        assertThat(api.patch("/api/3d/models/" + table, Map.of("tags", List.of("no/slashes")), ada.token()).status()).isEqualTo(400);
        assertThat(api.patch("/api/3d/models/" + table, Map.of("name", " "), ada.token()).status()).isEqualTo(400);

        JsonNode all = api.get("/api/3d/assets", ada.token()).body();
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(ids(all)).containsExactly(table, sphere, cube);

        assertThat(ids(api.get("/api/3d/assets?q=SPHERE", ada.token()).body())).containsExactly(sphere);
        assertThat(ids(api.get("/api/3d/assets?q=kitchen", ada.token()).body())).containsExactly(table);
        assertThat(ids(api.get("/api/3d/assets?q=100%25", ada.token()).body())).isEmpty();
        assertThat(ids(api.get("/api/3d/assets?tag=furniture", ada.token()).body())).containsExactly(table);
        JsonNode tableItem = api.get("/api/3d/assets?tag=wood", ada.token()).body().path("items").path(0);
        assertThat(tableItem.path("tags").toString()).isEqualTo("[\"furniture\",\"wood\"]");

        JsonNode first = api.get("/api/3d/assets?page=0&size=2", ada.token()).body();
        assertThat(ids(first)).containsExactly(table, sphere);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        JsonNode second = api.get("/api/3d/assets?page=1&size=2", ada.token()).body();
        assertThat(ids(second)).containsExactly(cube);
        assertThat(second.path("hasMore").asBoolean()).isFalse();
        assertThat(api.get("/api/3d/assets?size=1000", ada.token()).status()).isEqualTo(400);

        // Bob sees nothing of Ada's until she shares into a room he is in; then the model is posted there too.
        assertThat(api.get("/api/3d/assets", bob.token()).body().path("total").asLong()).isZero();
        String c = room(ada, bob);
        Response share = api.post("/api/3d/models/" + cube + "/share", Map.of("conversationId", c), ada.token());
        assertThat(share.status()).as(String.valueOf(share.body())).isEqualTo(200);
        assertThat(ids(api.get("/api/3d/assets", bob.token()).body())).containsExactly(cube);
        JsonNode messages = api.get("/api/chat/conversations/" + c, bob.token()).body().path("messages");
        assertThat(messages.path(messages.size() - 1).path("message").asString()).contains("/api/3d/models/" + cube);

        assertThat(api.delete("/api/3d/models/" + sphere, ada.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/3d/models/" + sphere, ada.token()).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/3d/assets", ada.token()).body())).containsExactly(table, cube);
    }

    @Test
    void editedSpecsBecomeNewVersionsAndBadSpecsSayWhatIsWrong() throws Exception {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, bob);
        String id = completedModel(api, ada, "a wooden table with four legs", c);
        JsonNode v1 = api.get("/api/3d/models/" + id, ada.token()).body();
        long v1Triangles = v1.path("stats").path("triangles").asLong();
        byte[] v1Glb = api.get("/api/3d/models/" + id + "/download?format=glb", ada.token()).raw();

        ObjectNode spec = (ObjectNode) v1.path("spec").deepCopy();
        ObjectNode ball = Api.JSON.createObjectNode();
        ball.put("name", "ball");
        ball.put("shape", "sphere");
        ball.putObject("transform").putArray("position").add(0).add(0.75).add(0);
        spec.withArray("objects").add(ball);

        try (SocketClient bobSocket = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            Response v2 = api.post("/api/3d/models/" + id + "/versions", Map.of("spec", spec), bob.token());
            assertThat(v2.status()).as(String.valueOf(v2.body())).isEqualTo(201);
            assertThat(v2.body().path("version").asInt()).isEqualTo(2);
            assertThat(v2.body().path("versions").toString()).isEqualTo("[1,2]");
            assertThat(v2.body().path("stats").path("objects").asInt()).isEqualTo(2);
            assertThat(v2.body().path("stats").path("triangles").asLong()).isGreaterThan(v1Triangles);
            assertThat(v2.body().path("spec").path("objects").size()).isEqualTo(2);
            JSONObject updated = bobSocket.next("3d_model_updated", "modelId", id, 5_000);
            assertThat(updated).isNotNull();
            assertThat(updated.getInt("version")).isEqualTo(2);
        }
        byte[] v2Glb = api.get("/api/3d/models/" + id + "/download?format=glb", ada.token()).raw();
        assertThat(v2Glb).isNotEqualTo(v1Glb);
        assertThat(api.get("/api/3d/models/" + id + "/download?format=glb&version=1", ada.token()).raw()).isEqualTo(v1Glb);
        assertThat(api.get("/api/3d/models/" + id + "/download?format=glb&version=9", ada.token()).status()).isEqualTo(404);

        Response unknownShape = api.post("/api/3d/models/" + id + "/versions",
                Map.of("spec", Map.of("version", 1, "objects", List.of(Map.of("shape", "blob")))), ada.token());
        assertThat(unknownShape.status()).isEqualTo(400);
        assertThat(unknownShape.body().path("errors").path(0).path("field").asString()).isEqualTo("spec.objects[0].shape");
        assertThat(unknownShape.text("detail")).contains("blob");

        Response badScale = api.post("/api/3d/models/" + id + "/versions", "{\"spec\":{\"version\":1,\"objects\":[{\"shape\":\"box\","
                + "\"transform\":{\"scale\":[1e9,1,1]}},{\"shape\":\"box\",\"material\":{\"baseColor\":\"red\"}}]}}", ada.token());
        assertThat(badScale.status()).isEqualTo(400);
        assertThat(badScale.body().path("errors").findValuesAsString("field"))
                .contains("spec.objects[0].transform.scale[0]").anyMatch(f -> f.startsWith("spec.objects[1].material"));

        Response malformed = api.post("/api/3d/models/" + id + "/versions", "{\"spec\":{\"version\":1,\"objects\":[{\"shape\":\"box\",\"colour\":1}]}}", ada.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("detail")).contains("colour");
        assertThat(api.post("/api/3d/models/" + id + "/versions", Map.of("spec", "box"), ada.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/3d/models/" + id, ada.token()).body().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void cancellingWorksWhileQueuedAndWhileRunning() throws Exception {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, bob);
        ModelTestSupport.Gate gate = ModelTestSupport.Gate.install(kiln);
        try (SocketClient bobSocket = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            // Two workers (the default): Ada's two jobs hold both, so Bob's waits in the queue.
            String running = accepted(api, ada, "a red cube", c);
            String other = accepted(api, ada, "a blue cube", null);
            gate.awaitBlocked(2);
            String queued = accepted(api, bob, "a green cube", c);
            assertThat(api.get("/api/3d/status/" + queued, bob.token()).text("status")).isEqualTo("queued");
            assertThat(api.get("/api/3d/status/" + running, bob.token()).text("status")).isEqualTo("running");

            Response cancelQueued = api.post("/api/3d/generations/" + queued + "/cancel", Map.of(), bob.token());
            assertThat(cancelQueued.status()).isEqualTo(200);
            assertThat(cancelQueued.text("status")).isEqualTo("cancelled");
            assertThat(api.post("/api/3d/generations/" + running + "/cancel", Map.of(), bob.token()).status())
                    .as("only the owner cancels").isEqualTo(403);
            Response cancelRunning = api.post("/api/3d/generations/" + running + "/cancel", Map.of(), ada.token());
            assertThat(cancelRunning.text("status")).isEqualTo("cancelled");
            JSONObject event = bobSocket.next("3d_generation_failed", "generationId", running, 5_000);
            assertThat(event).isNotNull();
            assertThat(event.getBoolean("cancelled")).isTrue();

            gate.release.countDown();
            awaitStatus(api, ada, other, "completed");
            assertThat(api.post("/api/3d/generations/" + other + "/cancel", Map.of(), ada.token()).status()).isEqualTo(409);
            Thread.sleep(300);
            Response afterRun = api.get("/api/3d/status/" + running, ada.token());
            assertThat(afterRun.text("status")).isEqualTo("cancelled");
            assertThat(afterRun.body().path("data").path("error").asString()).contains("cancelled");
            assertThat(api.get("/api/3d/models/" + running + "/download?format=glb", ada.token()).status()).isEqualTo(409);
            assertThat(api.get("/api/3d/status/" + queued, bob.token()).text("status")).isEqualTo("cancelled");
            assertThat(gate.blocked).doesNotContain(Ids.parse("id", queued));
            assertThat(bobSocket.next("3d_generation_completed", "generationId", running, 300)).isNull();
        }
    }

    @Test
    void aUserMayHaveOnlyTwoGenerationsQueuedOrRunning() throws Exception {
        Session ada = user("ada");
        ModelTestSupport.Gate gate = ModelTestSupport.Gate.install(kiln);
        String first = accepted(api, ada, "a red cube", null);
        String second = accepted(api, ada, "a blue cube", null);
        Response third = generate(api, ada, "a green cube", null, null);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Content-Type")).contains("problem+json");
        assertThat(third.header("Retry-After")).isNotNull();
        assertThat(third.text("detail")).contains("limit is 2");
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            JSONObject ack = socket.emitWithAck("generate_3d_model", new JSONObject(Map.of("description", "a green cube")));
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("rate_limited");
        }
        // Someone else is not affected.
        Session bob = user("bob");
        String bobs = accepted(api, bob, "a green cube", null);
        gate.release.countDown();
        awaitStatus(api, ada, first, "completed");
        awaitStatus(api, ada, second, "completed");
        awaitStatus(api, bob, bobs, "completed");
        assertThat(generate(api, ada, "a green cube", null, null).status()).isEqualTo(202);
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsString("id");
    }
}
