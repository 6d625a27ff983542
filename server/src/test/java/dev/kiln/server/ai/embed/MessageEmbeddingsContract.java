package dev.kiln.server.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.shared.Ids;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Message embeddings on a whole server: written in the background after each send, current for edits, absent for
 * deletions, and backfilled on first use for messages stored while embeddings were off. Run on SQLite and PostgreSQL.
 */
abstract class MessageEmbeddingsContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Map<String, Object> props;
    static KilnInstance kiln;

    static void startWith(Map<String, Object> database) {
        props = new HashMap<>(database);
        props.put("kiln.ai.provider", "");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    private static Session user() {
        return kiln.api.register("emb" + SEQ.incrementAndGet());
    }

    private static String room(Session owner) {
        return kiln.api.post("/api/chat/conversations", Map.of("name", "Embeddings", "type", "group"), owner.token()).text("conversationId");
    }

    private static String send(Session who, String conversationId, String text) {
        Response r = kiln.api.post("/api/chat/send", Map.of("conversationId", conversationId, "message", text), who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("messageId");
    }

    static void awaitIndexed(KilnInstance k) throws InterruptedException {
        MessageEmbeddingIndexer indexer = k.bean(MessageEmbeddingIndexer.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!indexer.idle() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(indexer.idle()).as("indexer drained its queue").isTrue();
    }

    private static int count(KilnInstance k, String conversationId) {
        return k.bean(MessageEmbeddingRepository.class).count(Ids.parse("c", conversationId), OnnxTextEmbedder.MODEL);
    }

    @Test
    void sentMessagesAreEmbeddedInTheBackgroundAndEditsAndDeletionsAreHonoured() throws Exception {
        Session ada = user();
        String c = room(ada);
        String flight = send(ada, c, "Our flight to Lisbon leaves at 7am on Friday");
        send(ada, c, "The database migration failed again last night");
        String lunch = send(ada, c, "Who wants pizza for lunch?");
        awaitIndexed(kiln);
        assertThat(count(kiln, c)).isEqualTo(3);

        MessageEmbeddingRepository repo = kiln.bean(MessageEmbeddingRepository.class);
        TextEmbedder embedder = kiln.bean(TextEmbedder.class);
        float[] query = embedder.embed("plane trip to Portugal");
        List<MessageEmbeddingRepository.Stored> stored = repo.inConversation(Ids.parse("c", c), embedder.model(), Long.MAX_VALUE, 10);
        assertThat(stored).hasSize(3).allSatisfy(s -> assertThat(s.vector()).hasSize(384));
        MessageEmbeddingRepository.Stored best = stored.stream()
                .max(Comparator.comparingDouble(s -> Vectors.cosine(query, s.vector()))).orElseThrow();
        assertThat(Ids.format(best.messageId())).as("the paraphrase is nearest to the flight message").isEqualTo(flight);

        assertThat(kiln.api.patch("/api/chat/messages/" + flight, Map.of("message", "Our train to Porto leaves at noon"), ada.token())
                .status()).isEqualTo(200);
        assertThat(count(kiln, c)).as("an edited message's old vector no longer counts").isEqualTo(2);
        assertThat(kiln.api.delete("/api/chat/messages/" + lunch, ada.token()).status()).isEqualTo(204);
        assertThat(count(kiln, c)).as("a deleted message's vector no longer counts").isEqualTo(1);

        assertThat(kiln.bean(MessageEmbeddingIndexer.class).indexConversation(Ids.parse("c", c))).as("only the edited one").isEqualTo(1);
        assertThat(count(kiln, c)).isEqualTo(2);
    }

    @Test
    void messagesStoredWhileEmbeddingsWereOffAreBackfilledOnFirstUseAfterARestart() throws Exception {
        Map<String, Object> off = new HashMap<>(props);
        off.put("kiln.data-dir", dev.kiln.server.support.TestDatabases.tempDir().toString());
        if (props.get("kiln.db-url").toString().startsWith("jdbc:postgresql"))
            off.put("kiln.db-url", dev.kiln.server.support.TestDatabases.createPostgresDatabase());
        off.put("kiln.ai.embeddings.enabled", "false");
        KilnInstance first = KilnInstance.start(off);
        Session bob = first.api.register("embo" + SEQ.incrementAndGet());
        String c = first.api.post("/api/chat/conversations", Map.of("name", "Old", "type", "group"), bob.token()).text("conversationId");
        for (int i = 0; i < 5; i++)
            assertThat(first.api.post("/api/chat/send", Map.of("conversationId", c, "message", "old message " + i), bob.token()).status())
                    .isEqualTo(201);
        assertThat(count(first, c)).isZero();
        first.close();

        off.put("kiln.ai.embeddings.enabled", "true");
        try (KilnInstance second = KilnInstance.start(off)) {
            assertThat(count(second, c)).isZero();
            assertThat(second.bean(MessageEmbeddingIndexer.class).indexConversation(Ids.parse("c", c))).isEqualTo(5);
            assertThat(count(second, c)).isEqualTo(5);
            assertThat(second.bean(MessageEmbeddingIndexer.class).indexConversation(Ids.parse("c", c))).as("nothing left").isZero();
        }
    }
}
