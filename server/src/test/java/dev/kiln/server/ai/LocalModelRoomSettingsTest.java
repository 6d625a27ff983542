package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local provider runs the one GGUF model the server loaded, so a room's settings may name only that model
 * (or none); any other is refused with 400 saying what runs and how to change it. Hosted providers take any model.
 */
class LocalModelRoomSettingsTest {
    private static KilnInstance kiln;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.ai.provider", "local,openai");
        // The file need not exist for the settings: its name is the model's name.
        props.put("kiln.ai.local.model-path", TestDatabases.tempDir().resolve("Tiny-Chat-Q4.gguf").toString());
        props.put("kiln.ai.base-url", "http://127.0.0.1:9/v1");
        props.put("kiln.ai.api-key", "sk-never-called");
        props.put("kiln.ai.model", "gpt-4o-mini");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @Test
    void onlyTheLoadedModelOrNoneIsAcceptedForTheLocalProvider() {
        Session ada = kiln.api.register("ada_local");
        String c = kiln.api.post("/api/chat/conversations", Map.of("name", "Local", "type", "group"), ada.token()).text("conversationId");
        String path = "/api/ai/rooms/" + c + "/settings";

        Response other = Put.put(kiln.api, path, Map.of("provider", "local", "model", "llama-3-8b.gguf"), ada.token());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.header("Content-Type")).contains("application/problem+json");
        assertThat(other.body().path("errors").get(0).path("field").asString()).isEqualTo("model");
        assertThat(other.body().path("errors").get(0).path("message").asString())
                .startsWith("the local provider runs Tiny-Chat-Q4; set KILN_MODEL_PATH to change it");
        // No provider means the chain's first, which is local here.
        assertThat(Put.put(kiln.api, path, Map.of("model", "gpt-4o"), ada.token()).status()).isEqualTo(400);
        assertThat(kiln.api.get(path, ada.token()).body().path("model").isNull()).as("nothing was stored").isTrue();

        Response byName = Put.put(kiln.api, path, Map.of("provider", "local", "model", "tiny-chat-q4"), ada.token());
        assertThat(byName.status()).as(String.valueOf(byName.body())).isEqualTo(200);
        assertThat(byName.body().path("model").asString()).isEqualTo("tiny-chat-q4");
        Response byFile = Put.put(kiln.api, path, Map.of("provider", "local", "model", "Tiny-Chat-Q4.gguf"), ada.token());
        assertThat(byFile.status()).isEqualTo(200);
        Response none = Put.put(kiln.api, path, Map.of("provider", "local"), ada.token());
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("model").isNull()).isTrue();

        Response hosted = Put.put(kiln.api, path, Map.of("provider", "openai", "model", "gpt-4o"), ada.token());
        assertThat(hosted.status()).as("hosted providers take any model name").isEqualTo(200);
        assertThat(hosted.body().path("model").asString()).isEqualTo("gpt-4o");
    }
}
