package dev.kiln.server.model3d;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the text-to-3D tests. */
final class ModelTestSupport {
    private ModelTestSupport() {}

    /** Holds every job that reaches the "build" stage until released: makes queued/running states deterministic. */
    static final class Gate implements ModelJobs.Hook {
        final CountDownLatch release = new CountDownLatch(1);
        final Set<Long> blocked = ConcurrentHashMap.newKeySet();

        @Override
        public void reached(long modelId, String stage, int percent) throws InterruptedException {
            if (stage.equals("build")) {
                blocked.add(modelId);
                if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("gate never released");
            }
        }

        void awaitBlocked(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (blocked.size() < n) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("only " + blocked.size() + " jobs reached the gate");
                Thread.sleep(20);
            }
        }

        static Gate install(KilnInstance kiln) {
            Gate gate = new Gate();
            kiln.bean(ModelJobs.class).testHook = gate;
            return gate;
        }

        /** Removes the hook and lets any held job go on (after a failed test, so that it does not hold the next one). */
        static void remove(KilnInstance kiln) {
            ModelJobs jobs = kiln.bean(ModelJobs.class);
            if (jobs.testHook instanceof Gate gate) gate.release.countDown();
            jobs.testHook = null;
        }
    }

    static Response generate(Api api, Session who, String description, String conversationId, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>();
        body.put("description", description);
        if (conversationId != null) body.put("conversationId", conversationId);
        if (options != null) body.put("options", options);
        return api.post("/api/3d/generate", body, who.token());
    }

    static String accepted(Api api, Session who, String description, String conversationId) {
        Response r = generate(api, who, description, conversationId, null);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return r.text("generationId");
    }

    /** Polls the status until it is {@code status} (or any final status), then asserts it. */
    static Response awaitStatus(Api api, Session who, String id, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Response r;
        do {
            r = api.get("/api/3d/status/" + id, who.token());
            assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
            String now = r.text("status");
            if (now.equals(status) || now.equals("completed") || now.equals("failed") || now.equals("cancelled")) break;
            Thread.sleep(25);
        } while (System.currentTimeMillis() < deadline);
        assertThat(r.text("status")).as(String.valueOf(r.body())).isEqualTo(status);
        return r;
    }

    static String completedModel(Api api, Session who, String description, String conversationId) throws InterruptedException {
        String id = accepted(api, who, description, conversationId);
        awaitStatus(api, who, id, "completed");
        return id;
    }
}
