package dev.kiln.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FileUploadTest {
    static KilnInstance kiln;
    static Api api;
    static Session ada;
    static Session eve;
    static String room;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.files.max-size", "1MB");
        kiln = KilnInstance.start(props);
        api = kiln.api;
        ada = api.register("fileada");
        eve = api.register("fileeve");
        room = api.post("/api/chat/conversations", Map.of("name", "Files", "type", "group"), ada.token()).text("conversationId");
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) for (int y = 0; y < h; y++) img.setRGB(x, y, new Color(x % 256, y % 256, 90).getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static Response upload(Session who, String conversationId, String fileName, byte[] bytes) {
        String boundary = "kiln" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"conversationId\"\r\n\r\n" + conversationId + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.postRaw("/api/files", "multipart/form-data; boundary=" + boundary, body.toByteArray(), who.token());
    }

    @Test
    void anImageIsSniffedThumbnailedAndAttachedToAMessage() throws IOException {
        // Named .bin on purpose: the type comes from the bytes.
        Response r = upload(ada, room, "holiday.bin", png(800, 400));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        assertThat(r.text("contentType")).isEqualTo("image/png");
        assertThat(r.body().path("width").asInt()).isEqualTo(800);
        assertThat(r.body().path("height").asInt()).isEqualTo(400);
        String id = r.text("id");

        Response thumb = api.get("/api/files/" + id + "/thumbnail", ada.token());
        assertThat(thumb.status()).isEqualTo(200);
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.raw()));
        assertThat(Math.max(t.getWidth(), t.getHeight())).isEqualTo(320);
        assertThat(t.getHeight()).isEqualTo(160);

        Response sent = api.post("/api/chat/send", Map.of("conversationId", room, "message", "look", "attachmentIds", List.of(id)), ada.token());
        assertThat(sent.status()).isEqualTo(201);
        var last = api.get("/api/chat/conversations/" + room, ada.token()).body().path("messages");
        var attachment = last.get(last.size() - 1).path("attachments").get(0);
        assertThat(attachment.path("id").asString()).isEqualTo(id);
        assertThat(attachment.path("url").asString()).isEqualTo("/api/files/" + id);
        assertThat(attachment.path("thumbnailUrl").asString()).isEqualTo("/api/files/" + id + "/thumbnail");

        // An upload attaches once.
        Response reuse = api.post("/api/chat/send", Map.of("conversationId", room, "message", "again", "attachmentIds", List.of(id)), ada.token());
        assertThat(reuse.status()).isEqualTo(400);
    }

    @Test
    void downloadsAreForMembersAndWorkWithAQueryToken() throws IOException {
        byte[] bytes = png(10, 10);
        String id = upload(ada, room, "dot.png", bytes).text("id");
        Response viaQuery = api.get("/api/files/" + id + "?access_token=" + ada.token(), null);
        assertThat(viaQuery.status()).isEqualTo(200);
        assertThat(viaQuery.raw()).isEqualTo(bytes);
        assertThat(viaQuery.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.get("/api/files/" + id, eve.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/files/" + id, null).status()).isEqualTo(401);
        // The query token is only accepted for downloads.
        assertThat(api.get("/api/chat/conversations?access_token=" + ada.token(), null).status()).isEqualTo(401);
    }

    @Test
    void tooLargeIs413AndNothingIsStored() throws IOException {
        Response big = upload(ada, room, "big.txt", "a".repeat(1_100_000).getBytes(StandardCharsets.UTF_8));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.header("Content-Type")).startsWith("application/problem+json");
        assertThat(big.text("code")).isEqualTo("too_large");
        assertThat(countFiles()).isEqualTo(countFilesOnDisk());
    }

    @Test
    void disallowedTypesAre415EvenWhenRenamed() {
        byte[] elf = new byte[64];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        Response r = upload(ada, room, "cute-cat.png", elf);
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("detail")).contains("not allowed");
        Response html = upload(ada, room, "page.png", "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status()).isEqualTo(415);
    }

    @Test
    void onlyMembersMayUpload() throws IOException {
        assertThat(upload(eve, room, "x.png", png(2, 2)).status()).isEqualTo(403);
        assertThat(upload(ada, room, "empty.txt", new byte[0]).status()).isEqualTo(400);
    }

    private long countFiles() {
        return kiln.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("SELECT COUNT(*) FROM files").query(Long.class).single();
    }

    private long countFilesOnDisk() throws IOException {
        var dir = kiln.bean(dev.kiln.server.config.KilnProperties.class).dataDir().resolve("uploads");
        if (!java.nio.file.Files.exists(dir)) return 0;
        try (var s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().contains(".thumb.")).count();
        }
    }

    @Test
    void theLiveNewMessageCarriesTheSameViewAsHistory() throws Exception {
        // The send path builds the broadcast view from what it already knows instead of reading it back;
        // it must still match the stored view exactly: attachment, reply preview, a mention typed in another case.
        Session bob = api.register("filebob");
        String shared = api.post("/api/chat/conversations", Map.of("name", "Same view", "type", "group",
                "participantIds", List.of(bob.id())), ada.token()).text("conversationId");
        String first = api.post("/api/chat/send", Map.of("conversationId", shared, "message", "the plan"), bob.token()).text("messageId");
        String fileId = upload(ada, shared, "plan.png", png(64, 32)).text("id");
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            assertThat(socket.emitWithAck("join_conversation", new JSONObject(Map.of("conversationId", shared))).optBoolean("ok")).isTrue();
            Response sent = api.post("/api/chat/send", Map.of("conversationId", shared, "replyTo", first, "attachmentIds", List.of(fileId),
                    "message", "see @" + bob.username().toUpperCase() + " and @nobody"), ada.token());
            assertThat(sent.status()).as(String.valueOf(sent.body())).isEqualTo(201);
            JsonNode live = Api.JSON.readTree(socket.next("new_message", 10_000).toString());
            // Through org.json like the live one, which writes a whole double such as a 0.0 sentiment score as 0.
            JsonNode stored = Api.JSON.readTree(new JSONObject(
                    api.get("/api/chat/conversations/" + shared, bob.token()).body().path("messages").get(1).toString()).toString());
            assertThat(live).isEqualTo(stored);
            assertThat(live.path("mentions").get(0).asString()).isEqualTo(bob.id());
            assertThat(live.path("attachments").get(0).path("id").asString()).isEqualTo(fileId);
            assertThat(live.path("replyPreview").path("message").asString()).isEqualTo("the plan");
        }
    }
}
