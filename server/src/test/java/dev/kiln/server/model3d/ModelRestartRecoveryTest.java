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
 * No job is lost silently across a restart: a job that was running is failed with "interrupted by server
 * restart", a job that was queued runs after the restart. On SQLite and on PostgreSQL.
 */
class ModelRestartRecoveryTest {

    @Test
    void onSqlite() throws Exception {
        runningJobsFailAndQueuedJobsRunAfterARestart(TestDatabases.sqlite());
    }

    @Test
    void onPostgres() throws Exception {
        runningJobsFailAndQueuedJobsRunAfterARestart(TestDatabases.postgres());
    }

    private static void runningJobsFailAndQueuedJobsRunAfterARestart(Map<String, Object> db) throws Exception {
        Map<String, Object> props = new HashMap<>(db);
        props.put("kiln.model3d.worker-threads", "1");
        KilnInstance kiln = KilnInstance.start(props);
        try {
            Session ada = kiln.api.register("restart-ada");
            String room = kiln.api.post("/api/chat/conversations", Map.of("name", "Lab", "type", "group"), ada.token()).text("conversationId");
            ModelTestSupport.Gate gate = ModelTestSupport.Gate.install(kiln);
            String running = accepted(kiln.api, ada, "a red cube", room);
            gate.awaitBlocked(1);
            String queued = accepted(kiln.api, ada, "a wooden table", room);
            assertThat(kiln.api.get("/api/3d/status/" + running, ada.token()).text("status")).isEqualTo("running");
            assertThat(kiln.api.get("/api/3d/status/" + queued, ada.token()).text("status")).isEqualTo("queued");

            kiln = kiln.restart();

            Response interrupted = kiln.api.get("/api/3d/status/" + running, ada.token());
            assertThat(interrupted.text("status")).isEqualTo("failed");
            assertThat(interrupted.body().path("data").path("error").asString()).isEqualTo("interrupted by server restart");
            Response done = awaitStatus(kiln.api, ada, queued, "completed");
            assertThat(done.body().path("data").path("stats").path("triangles").asLong()).isPositive();
            assertThat(kiln.api.get("/api/3d/models/" + queued + "/download?format=glb", ada.token()).status()).isEqualTo(200);
            // The model still appears in its conversation.
            var messages = kiln.api.get("/api/chat/conversations/" + room, ada.token()).body().path("messages");
            assertThat(messages.toString()).contains("/api/3d/models/" + queued).doesNotContain("/api/3d/models/" + running);
            // A finished job stays finished across another restart.
            kiln = kiln.restart();
            assertThat(kiln.api.get("/api/3d/status/" + queued, ada.token()).text("status")).isEqualTo("completed");
            assertThat(kiln.api.get("/api/3d/status/" + running, ada.token()).text("status")).isEqualTo("failed");
        } finally {
            kiln.close();
        }
    }
}
