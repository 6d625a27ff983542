package dev.kiln.server.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/chat/search?mode=hybrid}: full-text ranking fused with embedding similarity over my conversations.
 * A paraphrase finds what full-text cannot, exact words still rank first, other people's rooms stay private, and bad
 * modes are refused; with embeddings off the answer's {@code mode} says it was full-text. Run on SQLite (FTS5) and
 * PostgreSQL (tsvector).
 */
abstract class HybridSearchContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static KilnInstance kiln;
    private static Map<String, Object> props;

    static void startWith(Map<String, Object> database) {
        props = new HashMap<>(database);
        props.put("kiln.ai.provider", "");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    private static String send(Session who, String c, String text) {
        Response r = kiln.api.post("/api/chat/send", Map.of("conversationId", c, "message", text), who.token());
        assertThat(r.status()).isEqualTo(201);
        return r.text("messageId");
    }

    private static List<String> search(Session who, String q, String mode) {
        Response r = searchOn(kiln, who, q, mode);
        // The answer says which search ran: what was asked for, since embeddings are on here.
        assertThat(r.body().path("mode").asString()).isEqualTo(mode == null ? "fulltext" : mode);
        return r.body().path("results").valueStream().map(h -> h.path("message").asString()).toList();
    }

    private static Response searchOn(KilnInstance node, Session who, String q, String mode) {
        Response r = node.api.get("/api/chat/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + (mode == null ? "" : "&mode=" + mode),
                who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r;
    }

    @Test
    void aParaphraseFindsByMeaningWhatFullTextCannot() throws Exception {
        Session ada = kiln.api.register("hyb" + SEQ.incrementAndGet());
        Session eve = kiln.api.register("hyb" + SEQ.incrementAndGet());
        String mine = kiln.api.post("/api/chat/conversations", Map.of("name", "Mine", "type", "group"), ada.token()).text("conversationId");
        String hers = kiln.api.post("/api/chat/conversations", Map.of("name", "Hers", "type", "group"), eve.token()).text("conversationId");
        String flight = "Our flight to Lisbon leaves at 7am on Friday";
        send(ada, mine, flight);
        send(ada, mine, "The database migration failed again last night");
        send(ada, mine, "Who wants pizza for lunch?");
        send(eve, hers, "Eve's secret plane trip to Porto in Portugal");

        assertThat(search(ada, "plane trip to Portugal", null)).as("full-text (the default) finds no shared word").isEmpty();
        assertThat(search(ada, "plane trip to Portugal", "fulltext")).isEmpty();
        List<String> hybrid = search(ada, "plane trip to Portugal", "hybrid");
        assertThat(hybrid).as("found by meaning, unrelated messages left out, other people's rooms never searched").containsExactly(flight);

        List<String> words = search(ada, "database migration", "hybrid");
        assertThat(words).first().isEqualTo("The database migration failed again last night");
        assertThat(words).doesNotContain("Who wants pizza for lunch?");

        Response bad = kiln.api.get("/api/chat/search?q=x&mode=vector", ada.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).contains("application/problem+json");
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("mode");
    }

    @Test
    void hybridSearchScopedToAConversationStaysInIt() throws Exception {
        Session bob = kiln.api.register("hyb" + SEQ.incrementAndGet());
        String a = kiln.api.post("/api/chat/conversations", Map.of("name", "A", "type", "group"), bob.token()).text("conversationId");
        String b = kiln.api.post("/api/chat/conversations", Map.of("name", "B", "type", "group"), bob.token()).text("conversationId");
        send(bob, a, "The train to Porto departs at noon");
        send(bob, b, "Our flight to Lisbon leaves at 7am");
        Response r = kiln.api.get("/api/chat/search?q=" + URLEncoder.encode("journey to Portugal", StandardCharsets.UTF_8)
                + "&mode=hybrid&conversationId=" + b, bob.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("results").valueStream().map(h -> h.path("message").asString()).toList())
                .containsExactly("Our flight to Lisbon leaves at 7am");
        assertThat(r.body().path("results").get(0).path("conversationName").asString()).isEqualTo("B");
    }

    @Test
    void withEmbeddingsOffHybridSearchIsFullTextAndSaysSo() throws Exception {
        Map<String, Object> off = new HashMap<>(props);
        off.put("kiln.data-dir", TestDatabases.tempDir().toString());
        if (props.get("kiln.db-url").toString().startsWith("jdbc:postgresql")) off.put("kiln.db-url", TestDatabases.createPostgresDatabase());
        off.put("kiln.ai.embeddings.enabled", "false");
        try (KilnInstance noEmbeddings = KilnInstance.start(off)) {
            Session cy = noEmbeddings.api.register("hyb" + SEQ.incrementAndGet());
            String c = noEmbeddings.api.post("/api/chat/conversations", Map.of("name", "Off", "type", "group"), cy.token()).text("conversationId");
            assertThat(noEmbeddings.api.post("/api/chat/send", Map.of("conversationId", c, "message", "Our flight to Lisbon leaves at 7am"),
                    cy.token()).status()).isEqualTo(201);

            Response exact = searchOn(noEmbeddings, cy, "flight Lisbon", "hybrid");
            assertThat(exact.body().path("mode").asString()).as("fell back, and the client is told").isEqualTo("fulltext");
            assertThat(exact.body().path("results").get(0).path("message").asString()).isEqualTo("Our flight to Lisbon leaves at 7am");
            Response paraphrase = searchOn(noEmbeddings, cy, "plane trip to Portugal", "hybrid");
            assertThat(paraphrase.body().path("mode").asString()).isEqualTo("fulltext");
            assertThat(paraphrase.body().path("results").size()).as("no meaning without embeddings").isZero();
        }
    }
}
