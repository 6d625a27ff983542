package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.FixtureServer;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two nodes on one PostgreSQL database, each with its own data dir: a model made through one node downloads through the
 * other in every format and level of detail, byte for byte the same as through the node that made it; an external
 * generator's GLB (which cannot be rebuilt) included, versions saved through either node included, deletion included.
 * GLBs made before the database kept them are stored by their node when it starts.
 */
class ModelFilesAcrossNodesTest {
    private static final List<String> DOWNLOADS = List.of("format=glb", "format=gltf", "format=obj", "format=obj.zip", "format=stl",
            "format=glb&lod=1", "format=glb&lod=2");

    @Test
    void everyFormatAndLevelOfDetailDownloadsThroughEitherNodeWithTheSameBytes() throws Exception {
        try (FixtureServer fixtures = new FixtureServer()) {
            Map<String, Object> shared = new HashMap<>(TestDatabases.postgres());
            shared.put("kiln.jwt-secret", "a-shared-secret-for-both-nodes-of-this-test-0123456789");
            shared.put("kiln.model3d.generators.meshy.api-key", "msy-test-files-across-nodes");
            shared.put("kiln.model3d.generators.meshy.base-url", fixtures.root("meshy"));
            shared.put("kiln.model3d.generators.meshy.poll-interval", "100ms");
            KilnInstance nodeA = KilnInstance.start(shared);
            Map<String, Object> second = new HashMap<>(shared);
            second.put("kiln.data-dir", TestDatabases.tempDir().toString());
            KilnInstance nodeB = KilnInstance.start(second);
            try {
                Api a = nodeA.api;
                Api b = nodeB.api;
                Session ada = a.register("files-ada");

                // Made by the engine on A: B has neither the GLB nor anything derived from it.
                String engine = completed(a, ada, "a wooden table with a red vase on it", Map.of("generator", "procedural"));
                assertSameEverywhere(b, a, ada, engine, null);

                // Made from Meshy's GLB on A: it cannot be rebuilt, so B must read the stored bytes.
                meshySucceeds(fixtures);
                String meshy = completed(a, ada, "a red rocket", Map.of("generator", "meshy"));
                assertThat(get(b, ada, meshy, "format=glb").raw()).isEqualTo(ExternalGeneratorTest.resource("meshy-model.glb"));
                assertSameEverywhere(b, a, ada, meshy, null);

                // A version saved through B downloads through A; version 1 is still there through both.
                JsonNode spec = b.get("/api/3d/models/" + engine, ada.token()).body().path("spec");
                ((ObjectNode) spec.path("objects").get(0)).put("name", "kitchen table");
                Response saved = b.post("/api/3d/models/" + engine + "/versions", Map.of("spec", spec), ada.token());
                assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(201);
                assertSameEverywhere(a, b, ada, engine, 2);
                assertThat(get(a, ada, engine, "format=glb&version=1").raw()).isEqualTo(get(b, ada, engine, "format=glb&version=1").raw());

                // Deleted through B: gone through A as well, stored bytes included.
                assertThat(b.delete("/api/3d/models/" + meshy, ada.token()).status()).isEqualTo(204);
                assertThat(a.get("/api/3d/models/" + meshy + "/download?format=glb", ada.token()).status()).isEqualTo(404);
                assertThat(storedFiles(shared, meshy)).isZero();

                // A GLB that only A's data dir has (made before the database kept files): B cannot serve it until A,
                // restarted, stores it.
                meshySucceeds(fixtures);
                String old = completed(a, ada, "a red rocket", Map.of("generator", "meshy"));
                forgetStoredFiles(shared, old);
                Response missing = b.get("/api/3d/models/" + old + "/download?format=glb", ada.token());
                assertThat(missing.status()).isEqualTo(404);
                assertThat(missing.body().path("detail").asString()).contains("once that server has been restarted");
                nodeA = nodeA.restart();
                assertThat(storedFiles(shared, old)).isEqualTo(1);
                assertThat(get(b, ada, old, "format=glb").raw()).isEqualTo(ExternalGeneratorTest.resource("meshy-model.glb"));
            } finally {
                nodeA.close();
                nodeB.close();
            }
        }
    }

    /** Downloads everything through {@code first} (nothing cached there yet), then through {@code second}: the same bytes. */
    private static void assertSameEverywhere(Api first, Api second, Session who, String id, Integer version) {
        for (String query : DOWNLOADS) {
            String q = version == null ? query : query + "&version=" + version;
            byte[] there = get(first, who, id, q).raw();
            byte[] here = get(second, who, id, q).raw();
            assertThat(there).as(id + " " + q).isNotEmpty().isEqualTo(here);
        }
    }

    private static Response get(Api api, Session who, String id, String query) {
        Response r = api.get("/api/3d/models/" + id + "/download?" + query, who.token());
        assertThat(r.status()).as(query + ": " + (r.body() == null ? new String(r.raw(), StandardCharsets.UTF_8) : r.body())).isEqualTo(200);
        return r;
    }

    /**
     * Each node serialises its own saves, not the other's: versions saved through both nodes at the same moment all
     * succeed, with distinct numbers, instead of the one that loses the race getting a 500.
     */
    @Test
    void versionsSavedThroughBothNodesAtOnceAllGetTheirOwnNumber() throws Exception {
        Map<String, Object> shared = new HashMap<>(TestDatabases.postgres());
        shared.put("kiln.jwt-secret", "a-shared-secret-for-both-nodes-of-this-test-0123456789");
        Map<String, Object> second = new HashMap<>(shared);
        second.put("kiln.data-dir", TestDatabases.tempDir().toString());
        try (KilnInstance nodeA = KilnInstance.start(shared); KilnInstance nodeB = KilnInstance.start(second)) {
            Session ada = nodeA.api.register("versions-race");
            String model = completed(nodeA.api, ada, "a small green pyramid", Map.of("generator", "procedural"));
            JsonNode spec = nodeA.api.get("/api/3d/models/" + model, ada.token()).body().path("spec");
            int saves = 12;
            List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < saves; i++) {
                Api api = i % 2 == 0 ? nodeA.api : nodeB.api;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        statuses.add(api.post("/api/3d/models/" + model + "/versions", Map.of("spec", spec), ada.token()).status());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) t.join(120_000);
            assertThat(statuses).hasSize(saves).containsOnly(201);
            JsonNode versions = nodeB.api.get("/api/3d/models/" + model, ada.token()).body().path("versions");
            List<Integer> numbers = new java.util.ArrayList<>();
            for (JsonNode v : versions) numbers.add(v.asInt());
            assertThat(numbers).as(versions.toString()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, saves + 1).boxed().toList());
        }
    }

    private static String completed(Api api, Session who, String description, Map<String, Object> options) throws InterruptedException {
        Response r = ModelTestSupport.generate(api, who, description, null, options);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        String id = r.text("generationId");
        awaitStatus(api, who, id, "completed");
        return id;
    }

    private static void meshySucceeds(FixtureServer fixtures) {
        String task = new String(ExternalGeneratorTest.resource("meshy-task-succeeded.json"), StandardCharsets.UTF_8)
                .replace("{{assets}}", fixtures.root("assets"));
        fixtures.enqueue("meshy", FixtureServer.bytes(202, "application/json", ExternalGeneratorTest.resource("meshy-create.json")),
                FixtureServer.bytes(200, "application/json", task.getBytes(StandardCharsets.UTF_8)));
        fixtures.enqueue("assets", FixtureServer.bytes(200, "model/gltf-binary", ExternalGeneratorTest.resource("meshy-model.glb")));
    }

    private static Connection db(Map<String, Object> props) throws Exception {
        return DriverManager.getConnection((String) props.get("kiln.db-url"), TestDatabases.PG_USER, "");
    }

    private static int storedFiles(Map<String, Object> props, String modelId) throws Exception {
        try (Connection c = db(props); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM model_files WHERE model_id = ?")) {
            s.setLong(1, dev.kiln.server.shared.Ids.parse("id", modelId));
            var rs = s.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void forgetStoredFiles(Map<String, Object> props, String modelId) throws Exception {
        try (Connection c = db(props); PreparedStatement s = c.prepareStatement("DELETE FROM model_files WHERE model_id = ?")) {
            s.setLong(1, dev.kiln.server.shared.Ids.parse("id", modelId));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
