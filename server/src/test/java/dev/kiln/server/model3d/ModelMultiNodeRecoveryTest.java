package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.accepted;
import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: a node starting up (and every lease sweep after) leaves the queued and running
 * jobs of a live node alone; when that node dies without a word, the other recovers its jobs once their lease runs
 * out — the queued one runs to completion there, the running one is failed with a reason.
 */
class ModelMultiNodeRecoveryTest {

    @Test
    void eachNodeKeepsItsOwnJobsAndADeadNodesJobsAreRecoveredWhenItsLeaseRunsOut() throws Exception {
        Map<String, Object> shared = new HashMap<>(TestDatabases.postgres());
        shared.put("kiln.jwt-secret", "a-shared-secret-for-both-nodes-of-this-test-0123456789");
        shared.put("kiln.model3d.worker-threads", "1");
        shared.put("kiln.model3d.lease", "2s");
        KilnInstance nodeA = KilnInstance.start(shared);
        KilnInstance nodeB = null;
        try {
            Session ada = nodeA.api.register("lease-ada");
            String room = nodeA.api.post("/api/chat/conversations", Map.of("name", "Lab", "type", "group"), ada.token()).text("conversationId");
            ModelTestSupport.Gate gate = ModelTestSupport.Gate.install(nodeA);
            String running = accepted(nodeA.api, ada, "a red cube", room);
            gate.awaitBlocked(1);
            String queued = accepted(nodeA.api, ada, "a wooden table", room);

            // Node B starts while A is busy: its start-up recovery and its sweeps over two lease periods leave A's jobs alone.
            Map<String, Object> second = new HashMap<>(shared);
            second.put("kiln.data-dir", TestDatabases.tempDir().toString());
            nodeB = KilnInstance.start(second);
            Thread.sleep(4_500);
            assertThat(nodeB.api.get("/api/3d/status/" + running, ada.token()).text("status")).isEqualTo("running");
            assertThat(nodeB.api.get("/api/3d/status/" + queued, ada.token()).text("status")).isEqualTo("queued");

            // A dies without releasing its leases (a crash, not a clean stop).
            nodeA.bean(ModelJobs.class).releaseLeasesOnStop = false;
            long died = System.currentTimeMillis();
            nodeA.close();

            Response interrupted = awaitStatus(nodeB.api, ada, running, "failed");
            assertThat(interrupted.body().path("data").path("error").asString()).isEqualTo("interrupted by server restart");
            Response done = awaitStatus(nodeB.api, ada, queued, "completed");
            assertThat(System.currentTimeMillis() - died).as("recovered only once the 2 s lease had run out").isGreaterThanOrEqualTo(1_000);
            assertThat(done.body().path("data").path("stats").path("triangles").asLong()).isPositive();
            // B built it; its GLB is in the database, where either node can read it.
            assertThat(nodeB.api.get("/api/3d/models/" + queued + "/download?format=glb", ada.token()).status()).isEqualTo(200);
            var messages = nodeB.api.get("/api/chat/conversations/" + room, ada.token()).body().path("messages");
            assertThat(messages.toString()).contains("/api/3d/models/" + queued);
        } finally {
            nodeA.close();
            if (nodeB != null) nodeB.close();
        }
    }
}
