package dev.kiln.server.model3d;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/3d/preview, the editor's view of an unsaved spec: a GLB with one node per object as the engine builds it
 * (templates included), and the same refusals as a saved version, plus its own body size and rate limits and auth.
 */
class ModelPreviewTest {
    static final int PER_MINUTE = 10;
    static final AtomicInteger SEQ = new AtomicInteger();
    static KilnInstance kiln;
    static Api api;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.model3d.previews-per-minute-per-user", String.valueOf(PER_MINUTE));
        kiln = KilnInstance.start(props);
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    static Session user() {
        return api.register("preview" + SEQ.incrementAndGet());
    }

    /** The JSON chunk of a GLB. */
    static JsonNode gltfJson(byte[] glb) {
        ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(glb, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        assertThat(b.getInt(8)).isEqualTo(glb.length);
        int length = b.getInt(12);
        assertThat(b.getInt(16)).isEqualTo(0x4E4F534A); // "JSON"
        return Api.JSON.readTree(new String(glb, 20, length, StandardCharsets.UTF_8));
    }

    /** Triangles under a node: its mesh and its child nodes' (template parts and child objects). */
    static long triangles(JsonNode gltf, int node) {
        JsonNode n = gltf.path("nodes").path(node);
        long count = 0;
        if (n.has("mesh")) {
            for (JsonNode p : gltf.path("meshes").path(n.path("mesh").asInt()).path("primitives")) {
                count += gltf.path("accessors").path(p.path("indices").asInt()).path("count").asLong() / 3;
            }
        }
        for (JsonNode c : n.path("children")) count += triangles(gltf, c.asInt());
        return count;
    }

    @Test
    void aSpecWithTemplatesComesBackAsAGlbWithOneNodePerObjectInOrder() {
        Session ada = user();
        String body = """
                {"complexity":"low","spec":{"version":1,"objects":[
                  {"name":"t0","shape":"table","material":{"baseColor":"#8b5a2b"}},
                  {"name":"t1","shape":"box","transform":{"position":[3,0,0]}},
                  {"name":"t2","shape":"chair","parts":{"seat":{"baseColor":"#ff0000"}}}]}}""";
        Response r = api.post("/api/3d/preview", body, ada.token());
        assertThat(r.status()).as(new String(r.raw(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("model/gltf-binary");
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode gltf = gltfJson(r.raw());
        JsonNode roots = gltf.path("scenes").path(0).path("nodes");
        assertThat(roots.size()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        for (JsonNode i : roots) names.add(gltf.path("nodes").path(i.asInt()).path("name").asString());
        assertThat(names).containsExactly("t0", "t1", "t2");
        // A table is far more than the 12 triangles of the box the editor used to draw for it; a box is exactly 12.
        assertThat(triangles(gltf, roots.get(0).asInt())).isGreaterThan(12);
        assertThat(triangles(gltf, roots.get(1).asInt())).isEqualTo(12);
        assertThat(triangles(gltf, roots.get(2).asInt())).isGreaterThan(12);
        assertThat(gltf.path("nodes").path(roots.get(1).asInt()).path("translation").get(0).asDouble()).isEqualTo(3.0);

        // Nothing was stored: the user still has no models.
        assertThat(api.get("/api/3d/assets", ada.token()).body().path("total").asLong()).isZero();
    }

    @Test
    void badSpecsAreRefusedAsForASavedVersion() {
        Session ada = user();
        Response unknown = api.post("/api/3d/preview", Map.of("spec", Map.of("version", 1, "objects", List.of(Map.of("shape", "blob")))),
                ada.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.body().path("errors").path(0).path("field").asString()).isEqualTo("spec.objects[0].shape");
        assertThat(unknown.text("detail")).contains("blob");

        Response badScale = api.post("/api/3d/preview", "{\"spec\":{\"version\":1,\"objects\":[{\"shape\":\"box\","
                + "\"transform\":{\"scale\":[1e9,1,1]}}]}}", ada.token());
        assertThat(badScale.status()).isEqualTo(400);
        assertThat(badScale.body().path("errors").findValuesAsString("field")).contains("spec.objects[0].transform.scale[0]");

        // The object cap of a scene applies (500 by default).
        StringBuilder many = new StringBuilder("{\"spec\":{\"version\":1,\"objects\":[");
        for (int i = 0; i < 501; i++) many.append(i == 0 ? "" : ",").append("{\"shape\":\"box\"}");
        many.append("]}}");
        Response tooMany = api.post("/api/3d/preview", many.toString(), ada.token());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("detail")).contains("500");

        Response notJson = api.post("/api/3d/preview", "{\"spec\":", ada.token());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("detail")).contains("not valid JSON");
        assertThat(api.post("/api/3d/preview", Map.of("spec", "box"), ada.token()).status()).isEqualTo(400);
        Response complexity = api.post("/api/3d/preview", Map.of("spec", Map.of("version", 1, "objects", List.of(Map.of("shape", "box"))),
                "complexity", "ultra"), ada.token());
        assertThat(complexity.status()).isEqualTo(400);
        assertThat(complexity.body().path("errors").path(0).path("field").asString()).isEqualTo("complexity");
        assertThat(api.postRaw("/api/3d/preview", "application/json", new byte[0], ada.token()).status()).isEqualTo(400);
    }

    @Test
    void bodiesOverTheLimitAre413AndStrangersAre401() {
        Session ada = user();
        String padding = "x".repeat(ModelPreviews.MAX_BODY_BYTES);
        Response large = api.post("/api/3d/preview", "{\"spec\":{\"version\":1,\"objects\":[{\"shape\":\"box\",\"name\":\"" + padding + "\"}]}}",
                ada.token());
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.header("Content-Type")).startsWith("application/problem+json");
        assertThat(large.text("detail")).contains("1024 KB");

        Response anonymous = api.post("/api/3d/preview", Map.of("spec", Map.of("version", 1, "objects", List.of(Map.of("shape", "box")))), null);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void eachUserHasARateOfPreviews() {
        Session ada = user();
        Session bob = user();
        Map<String, Object> box = Map.of("complexity", "low", "spec", Map.of("version", 1, "objects", List.of(Map.of("shape", "box"))));
        for (int i = 0; i < PER_MINUTE; i++) assertThat(api.post("/api/3d/preview", box, ada.token()).status()).isEqualTo(200);
        Response limited = api.post("/api/3d/preview", box, ada.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("detail")).contains(PER_MINUTE + " a minute");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        // Someone else is not held back by ada.
        assertThat(api.post("/api/3d/preview", box, bob.token()).status()).isEqualTo(200);
    }

    @Test
    void theShapeCatalogGivesTheRangesTheValidatorEnforces() {
        Session ada = user();
        Response r = api.get("/api/3d/shapes", ada.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode table = null, roundedBox = null;
        for (JsonNode s : r.body().path("shapes")) {
            if (s.path("name").asString().equals("table")) table = s;
            if (s.path("name").asString().equals("rounded_box")) roundedBox = s;
        }
        assertThat(table.path("template").asBoolean()).isTrue();
        assertThat(roundedBox.path("template").asBoolean()).isFalse();
        JsonNode legs = null;
        for (JsonNode p : table.path("params")) if (p.path("name").asString().equals("legs")) legs = p;
        assertThat(legs.path("kind").asString()).isEqualTo("integer");
        assertThat(legs.path("min").asDouble()).isEqualTo(1);
        assertThat(legs.path("max").asDouble()).isEqualTo(12);
        assertThat(legs.path("defaultValue").asInt()).isEqualTo(4);
        assertThat(table.path("parts").isArray()).isTrue();

        // the catalog's limits are the validator's: one past the maximum is refused
        String tooMany = """
                {"spec":{"version":1,"objects":[{"name":"t0","shape":"table","params":{"legs":13}}]}}""";
        Response refused = api.post("/api/3d/preview", tooMany, ada.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("legs").contains("maximum 12");

        assertThat(api.get("/api/3d/shapes", null).status()).isEqualTo(401);
    }
}
