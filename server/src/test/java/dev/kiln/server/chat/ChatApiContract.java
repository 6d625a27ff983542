package dev.kiln.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.account.User;
import dev.kiln.server.account.UserRepository;
import dev.kiln.server.shared.Ids;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every chat rule over the REST API, run once per storage engine by the subclasses, so SQLite and
 * PostgreSQL are held to the same contract.
 */
abstract class ChatApiContract {
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

    static Session user(String prefix) {
        return api.register(prefix + SEQ.incrementAndGet());
    }

    static String room(Session owner, String name, Session... members) {
        Response r = api.post("/api/chat/conversations", Map.of("name", name, "type", "group",
                "participantIds", java.util.Arrays.stream(members).map(Session::id).toList()), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("conversationId");
    }

    static String send(Session who, String conversationId, String text) {
        Response r = api.post("/api/chat/send", Map.of("conversationId", conversationId, "message", text), who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("messageId");
    }

    static List<JsonNode> history(Session who, String conversationId, String query) {
        Response r = api.get("/api/chat/conversations/" + conversationId + query, who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().path("messages").forEach(out::add);
        return out;
    }

    @Test
    void createRoomMakesTheCreatorOwnerAndListsParticipants() {
        Session ada = user("ada");
        Session bob = user("bob");
        Response r = api.post("/api/chat/conversations", Map.of("name", "Design", "type", "group", "participantIds", List.of(bob.id()),
                "visibility", "public"), ada.token());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("name")).isEqualTo("Design");
        assertThat(r.text("type")).isEqualTo("group");
        assertThat(r.text("visibility")).isEqualTo("public");
        Map<String, String> roles = new HashMap<>();
        r.body().path("participants").forEach(p -> roles.put(p.path("username").asString(), p.path("role").asString()));
        assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.of(ada.username(), "owner", bob.username(), "member"));
    }

    @Test
    void directConversationsAreDeduplicated() {
        Session ada = user("ada");
        Session bob = user("bob");
        Response first = api.post("/api/chat/conversations", Map.of("type", "direct", "participantIds", List.of(bob.id())), ada.token());
        Response again = api.post("/api/chat/conversations", Map.of("type", "direct", "participantIds", List.of(ada.id())), bob.token());
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("conversationId")).isEqualTo(first.text("conversationId"));
        Response two = api.post("/api/chat/conversations", Map.of("type", "direct", "participantIds", List.of(bob.id(), user("cy").id())), ada.token());
        assertThat(two.status()).isEqualTo(400);
    }

    @Test
    void badConversationInputIsRejectedWithFieldErrors() {
        Session ada = user("ada");
        Response badType = api.post("/api/chat/conversations", Map.of("type", "party"), ada.token());
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().path("errors").path(0).path("field").asString()).isEqualTo("type");
        Response longName = api.post("/api/chat/conversations", Map.of("type", "group", "name", "x".repeat(101)), ada.token());
        assertThat(longName.status()).isEqualTo(400);
        Response unknownUser = api.post("/api/chat/conversations", Map.of("type", "group", "participantIds", List.of(Ids.format(Ids.next()))), ada.token());
        assertThat(unknownUser.status()).isEqualTo(400);
        assertThat(unknownUser.text("detail")).contains("unknown users");
        Response garbageId = api.post("/api/chat/conversations", Map.of("type", "group", "participantIds", List.of("'; drop table users")), ada.token());
        assertThat(garbageId.status()).isEqualTo(400);
        assertThat(api.get("/api/chat/conversations", ada.token()).body().size()).isZero();
    }

    @Test
    void sendStoresAndReturnsTheMessageShape() {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, "Shape", bob);
        String replyTarget = send(bob, c, "first");
        Response r = api.post("/api/chat/send", Map.of("conversationId", c, "message", "hello @" + bob.username(), "replyTo", replyTarget,
                "clientMessageId", "cm-1"), ada.token());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("conversationId")).isEqualTo(c);
        JsonNode m = history(bob, c, "").getLast();
        assertThat(m.path("id").asString()).isEqualTo(r.text("messageId"));
        assertThat(m.path("message").asString()).isEqualTo("hello @" + bob.username());
        assertThat(m.path("username").asString()).isEqualTo(ada.username());
        assertThat(m.path("userId").asString()).isEqualTo(ada.id());
        assertThat(m.path("replyTo").asString()).isEqualTo(replyTarget);
        assertThat(m.path("replyPreview").path("message").asString()).isEqualTo("first");
        assertThat(m.path("clientMessageId").asString()).isEqualTo("cm-1");
        assertThat(m.path("mentions").get(0).asString()).isEqualTo(bob.id());
        for (String field : List.of("threadId", "editedAt", "deletedAt", "attachments", "reactions", "createdAt")) {
            assertThat(m.has(field)).as(field).isTrue();
        }
    }

    @Test
    void retriedClientMessageIdStoresOnceAndReturnsTheOriginalAck() {
        Session ada = user("ada");
        String c = room(ada, "Retry");
        Map<String, Object> body = Map.of("conversationId", c, "message", "only once", "clientMessageId", "retry-42");
        Response first = api.post("/api/chat/send", body, ada.token());
        Response second = api.post("/api/chat/send", body, ada.token());
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("messageId")).isEqualTo(first.text("messageId"));
        assertThat(second.text("createdAt")).isEqualTo(first.text("createdAt"));
        assertThat(history(ada, c, "")).hasSize(1);
    }

    @Test
    void invalidMessagesStoreNothing() {
        Session ada = user("ada");
        Session eve = user("eve");
        String c = room(ada, "Strict");
        assertThat(api.post("/api/chat/send", Map.of("conversationId", c, "message", "   "), ada.token()).status()).isEqualTo(400);
        Response tooLong = api.post("/api/chat/send", Map.of("conversationId", c, "message", "x".repeat(10_001)), ada.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("detail")).contains("10000");
        assertThat(api.post("/api/chat/send", Map.of("conversationId", "nope", "message", "hi"), ada.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/chat/send", Map.of("conversationId", Ids.format(Ids.next()), "message", "hi"), ada.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/chat/send", Map.of("conversationId", c, "message", "hi", "replyTo", Ids.format(Ids.next())), ada.token()).status()).isEqualTo(404);
        Response outsider = api.post("/api/chat/send", Map.of("conversationId", c, "message", "let me in"), eve.token());
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.text("code")).isEqualTo("forbidden");
        assertThat(history(ada, c, "")).isEmpty();
    }

    @Test
    void historyIsForMembersOnlyAndCursorPaginated() {
        Session ada = user("ada");
        Session eve = user("eve");
        String c = room(ada, "Pages");
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> send(ada, c, "m" + i)).toList();
        assertThat(api.get("/api/chat/conversations/" + c, eve.token()).status()).isEqualTo(403);

        Response latest = api.get("/api/chat/conversations/" + c + "?limit=10", ada.token());
        assertThat(latest.body().path("hasMore").asBoolean()).isTrue();
        List<String> page1 = texts(latest.body());
        assertThat(page1).containsExactly("m15", "m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24");
        List<JsonNode> older = history(ada, c, "?limit=10&before=" + ids.get(15));
        assertThat(older).extracting(n -> n.path("message").asString()).containsExactly("m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14");
        Response oldest = api.get("/api/chat/conversations/" + c + "?limit=10&before=" + ids.get(5), ada.token());
        assertThat(texts(oldest.body())).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(oldest.body().path("hasMore").asBoolean()).isFalse();
        assertThat(history(ada, c, "?limit=3&after=" + ids.get(20))).extracting(n -> n.path("message").asString()).containsExactly("m21", "m22", "m23");
        assertThat(api.get("/api/chat/conversations/" + c + "?limit=101", ada.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/chat/conversations/" + c + "?limit=0", ada.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/chat/conversations/" + c + "?before=zzz", ada.token()).status()).isEqualTo(400);
    }

    private static List<String> texts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("messages").forEach(n -> out.add(n.path("message").asString()));
        return out;
    }

    @Test
    void conversationListShowsUnreadCountsAndLastMessage() {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, "Unread", bob);
        send(ada, c, "one");
        send(ada, c, "two");
        String third = send(ada, c, "three");
        JsonNode mine = api.get("/api/chat/conversations", bob.token()).body().get(0);
        assertThat(mine.path("conversationId").asString()).isEqualTo(c);
        assertThat(mine.path("unreadCount").asInt()).isEqualTo(3);
        assertThat(mine.path("lastMessage").path("message").asString()).isEqualTo("three");
        assertThat(api.get("/api/chat/conversations", ada.token()).body().get(0).path("unreadCount").asInt()).isZero();
        assertThat(api.post("/api/chat/conversations/" + c + "/read", Map.of("messageId", third), bob.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/chat/conversations", bob.token()).body().get(0).path("unreadCount").asInt()).isZero();
    }

    @Test
    void participantsSayHowFarEachMemberHasRead() {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, "Seen", bob);
        String first = send(ada, c, "first");
        String second = send(ada, c, "second");
        api.post("/api/chat/conversations/" + c + "/read", Map.of("messageId", second), bob.token());
        // An older read position never moves it back (a late request from another tab).
        api.post("/api/chat/conversations/" + c + "/read", Map.of("messageId", first), bob.token());
        JsonNode participants = api.get("/api/chat/conversations/" + c, ada.token()).body().path("participants");
        Map<String, String> readUpTo = new java.util.HashMap<>();
        participants.forEach(p -> readUpTo.put(p.path("username").asString(),
                p.path("lastReadMessageId").isString() ? p.path("lastReadMessageId").asString() : null));
        assertThat(readUpTo).containsEntry(bob.username(), second).containsEntry(ada.username(), null);
        JsonNode listed = api.get("/api/chat/conversations", ada.token()).body().get(0).path("participants");
        assertThat(listed.valueStream().map(p -> p.path("lastReadMessageId")).filter(JsonNode::isString).map(JsonNode::asString))
                .containsExactly(second);
    }

    @Test
    void threadsCollectRepliesUnderTheirRoot() {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, "Threads", bob);
        String root = send(ada, c, "root question");
        api.post("/api/chat/send", Map.of("conversationId", c, "message", "answer 1", "threadId", root), bob.token());
        Response reply2 = api.post("/api/chat/send", Map.of("conversationId", c, "message", "answer 2", "threadId", root), ada.token());
        Response thread = api.get("/api/chat/conversations/" + c + "/threads/" + root, bob.token());
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.body().path("root").path("message").asString()).isEqualTo("root question");
        assertThat(texts(thread.body())).containsExactly("answer 1", "answer 2");
        // Replies stay out of the main timeline; the root counts them.
        List<JsonNode> main = history(ada, c, "");
        assertThat(main).hasSize(1);
        assertThat(main.getFirst().path("threadReplyCount").asInt()).isEqualTo(2);
        // No threads inside threads.
        assertThat(api.post("/api/chat/send", Map.of("conversationId", c, "message", "nested", "threadId", reply2.text("messageId")),
                ada.token()).status()).isEqualTo(400);
    }

    @Test
    void editDeleteAndReactFollowOwnership() {
        Session ada = user("ada");
        Session bob = user("bob");
        String c = room(ada, "Edits", bob);
        String bobs = send(bob, c, "tpyo");
        assertThat(api.patch("/api/chat/messages/" + bobs, Map.of("message", "hijacked"), ada.token()).status()).isEqualTo(403);
        Response edited = api.patch("/api/chat/messages/" + bobs, Map.of("message", "typo"), bob.token());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.text("message")).isEqualTo("typo");
        assertThat(edited.text("editedAt")).isNotNull();

        Response r1 = api.post("/api/chat/messages/" + bobs + "/reactions", Map.of("emoji", "👍"), ada.token());
        api.post("/api/chat/messages/" + bobs + "/reactions", Map.of("emoji", "👍"), bob.token());
        assertThat(r1.body().path("reactions").get(0).path("count").asInt()).isEqualTo(1);
        JsonNode reactions = history(ada, c, "").getFirst().path("reactions");
        assertThat(reactions.get(0).path("emoji").asString()).isEqualTo("👍");
        assertThat(reactions.get(0).path("count").asInt()).isEqualTo(2);
        Response toggledOff = api.post("/api/chat/messages/" + bobs + "/reactions", Map.of("emoji", "👍"), ada.token());
        assertThat(toggledOff.body().path("reactions").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(api.post("/api/chat/messages/" + bobs + "/reactions", Map.of("emoji", "two words"), ada.token()).status()).isEqualTo(400);

        String adas = send(ada, c, "secret");
        assertThat(api.delete("/api/chat/messages/" + adas, bob.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/chat/messages/" + adas, ada.token()).status()).isEqualTo(204);
        // The owner may delete anyone's message.
        assertThat(api.delete("/api/chat/messages/" + bobs, ada.token()).status()).isEqualTo(204);
        List<JsonNode> after = history(bob, c, "");
        assertThat(after).hasSize(2);
        assertThat(after).allSatisfy(m -> {
            assertThat(m.path("message").asString()).isEmpty();
            assertThat(m.path("deletedAt").isNull()).isFalse();
            assertThat(m.path("reactions").size()).isZero();
        });
    }

    @Test
    void membersAreManagedByOwnersAndAdmins() {
        Session ada = user("ada");
        Session bob = user("bob");
        Session cy = user("cy");
        String c = room(ada, "Members", bob);
        assertThat(api.post("/api/chat/conversations/" + c + "/members", Map.of("userIds", List.of(cy.id())), bob.token()).status()).isEqualTo(403);
        Response added = api.post("/api/chat/conversations/" + c + "/members", Map.of("userIds", List.of(cy.id())), ada.token());
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().path("memberCount").asInt()).isEqualTo(3);
        assertThat(api.delete("/api/chat/conversations/" + c + "/members/" + cy.id(), bob.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/chat/conversations/" + c + "/members/" + cy.id(), ada.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/chat/conversations/" + c, cy.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/chat/conversations/" + c, Map.of("name", "Renamed"), bob.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/chat/conversations/" + c, Map.of("name", "Renamed"), ada.token()).body().path("name").asString()).isEqualTo("Renamed");
        // The owner leaving hands the room on.
        assertThat(api.post("/api/chat/conversations/" + c + "/leave", null, ada.token()).status()).isEqualTo(204);
        JsonNode participants = api.get("/api/chat/conversations/" + c, bob.token()).body().path("participants");
        assertThat(participants.size()).isEqualTo(1);
        assertThat(participants.get(0).path("role").asString()).isEqualTo("owner");
    }

    @Test
    void publicRoomsCanBeFoundAndJoinedPrivateOnesCannot() {
        Session ada = user("ada");
        Session eve = user("eve");
        String pub = api.post("/api/chat/conversations", Map.of("name", "Open Lounge " + SEQ.get(), "type", "group", "visibility", "public"),
                ada.token()).text("conversationId");
        String priv = room(ada, "Hidden");
        JsonNode found = api.get("/api/chat/conversations/public?q=lounge", eve.token()).body();
        assertThat(found.findValuesAsString("conversationId")).contains(pub).doesNotContain(priv);
        // Wildcards typed by the user match only themselves.
        assertThat(api.get("/api/chat/conversations/public?q=%25", eve.token()).body().findValuesAsString("conversationId")).doesNotContain(pub);
        assertThat(api.get("/api/users?q=_", eve.token()).body().size()).isZero();
        assertThat(api.post("/api/chat/conversations/" + priv + "/join", null, eve.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/chat/conversations/" + pub + "/join", null, eve.token()).status()).isEqualTo(200);
        send(eve, pub, "hi all");
    }

    @Test
    void searchFindsMessagesOnlyInMyConversations() {
        Session ada = user("ada");
        Session bob = user("bob");
        Session eve = user("eve");
        String shared = room(ada, "Ops", bob);
        String evesRoom = room(eve, "Eve's");
        send(ada, shared, "the deployment of kiln went fine");
        send(bob, shared, "lunch?");
        send(eve, evesRoom, "secret deployment plans");
        Response hits = api.get("/api/chat/search?q=deploy", bob.token());
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body().path("results").findValuesAsString("message")).containsExactly("the deployment of kiln went fine");
        assertThat(hits.body().path("results").get(0).path("conversationName").asString()).isEqualTo("Ops");
        assertThat(api.get("/api/chat/search?q=", bob.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/chat/search?q=deploy&conversationId=" + evesRoom, bob.token()).status()).isEqualTo(403);
        // Punctuation that means something to FTS/tsquery syntax is just text here.
        assertThat(api.get("/api/chat/search?q=" + java.net.URLEncoder.encode("deploy\" OR (*:", java.nio.charset.StandardCharsets.UTF_8),
                bob.token()).status()).isEqualTo(200);
    }

    @Test
    void aRoomHoldsAThousandMembers() {
        Session ada = user("ada");
        UserRepository users = kiln.bean(UserRepository.class);
        String hash = users.findByUsername(ada.username()).orElseThrow().passwordHash();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long id = Ids.next();
            users.insert(new User(id, "crowd" + SEQ.get() + "x" + i, "c@example.com", hash, false, System.currentTimeMillis(), null));
            ids.add(Ids.format(id));
        }
        String c = room(ada, "Stadium");
        Response added = api.post("/api/chat/conversations/" + c + "/members", Map.of("userIds", ids), ada.token());
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().path("memberCount").asInt()).isEqualTo(1001);
        send(ada, c, "welcome everyone");
        Response page = api.get("/api/chat/conversations/" + c, ada.token());
        assertThat(page.body().path("participants").size()).isEqualTo(1001);
        assertThat(api.get("/api/chat/conversations", ada.token()).body().get(0).path("memberCount").asInt()).isEqualTo(1001);
    }
}
