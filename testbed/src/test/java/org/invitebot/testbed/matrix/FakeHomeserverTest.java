package org.invitebot.testbed.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.invitebot.testbed.matrix.ResponseSchemas.assertFitsSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.HttpUrl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in as a client sees it, over real HTTP; every request here fits the spec. */
class FakeHomeserverTest {

    private static final String BOT = "@bot:example.org";
    private static final String ADMIN = "@admin:example.org";
    private static final String BOB = "@bob:example.org";

    private FakeHomeserver homeserver;
    private MatrixHttp bot;
    private MatrixHttp admin;

    @BeforeEach
    void start() {
        homeserver = FakeHomeserver.start("example.org");
        bot = new MatrixHttp(homeserver, homeserver.registerUser(BOT));
        admin = new MatrixHttp(homeserver, homeserver.registerUser(ADMIN));
        homeserver.registerUser(BOB);
    }

    @AfterEach
    void stop() {
        homeserver.assertNoContractViolations();
        homeserver.close();
    }

    @Test
    void whoamiNamesTheTokensUserAndDevice() {
        MatrixHttp.Answer answer = bot.get(bot.url("account", "whoami"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("user_id").asText()).isEqualTo(BOT);
        assertThat(answer.body().path("device_id").asText()).isNotBlank();
        assertFitsSpec("getTokenOwner", answer);
    }

    @Test
    void unknownTokenIsRefusedWith401AndMissingTokenToo() {
        MatrixHttp.Answer unknown = new MatrixHttp(homeserver, "syt_not_a_token").get(bot.url("account", "whoami"));
        MatrixHttp.Answer missing = new MatrixHttp(homeserver, null).get(bot.url("account", "whoami"));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(unknown.body().path("soft_logout").asBoolean(true)).isFalse();
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void uploadedFilterCanBeReadBack() {
        String filter = "{\"room\":{\"timeline\":{\"limit\":5,\"types\":[\"m.room.message\"]}},\"presence\":{\"types\":[]}}";

        MatrixHttp.Answer created = bot.post(bot.url("user", BOT, "filter"), filter);
        MatrixHttp.Answer read = bot.get(bot.url("user", BOT, "filter", created.body().path("filter_id").asText()));

        assertThat(created.status()).isEqualTo(200);
        assertFitsSpec("defineFilter", created);
        assertThat(read.body().path("room").path("timeline").path("limit").asInt()).isEqualTo(5);
        assertThat(bot.get(bot.url("user", BOT, "filter", "404")).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(admin.post(admin.url("user", BOT, "filter"), filter).status()).isEqualTo(403);
    }

    @Test
    void initialSyncReturnsRecentHistoryStateAndNextBatch() {
        String room = roomWithBotJoined();
        for (int i = 1; i <= 12; i++) {
            homeserver.sendText(room, ADMIN, "message " + i);
        }

        MatrixHttp.Answer sync = bot.sync(null, 0);

        assertThat(sync.status()).isEqualTo(200);
        assertFitsSpec("sync", sync);
        assertThat(sync.body().path("next_batch").asText()).matches("s\\d+");
        JsonNode joined = sync.body().path("rooms").path("join").path(room);
        assertThat(bodies(joined.path("timeline").path("events"))).hasSize(10).endsWith("message 12").doesNotContain("message 2");
        assertThat(joined.path("timeline").path("limited").asBoolean()).isTrue();
        assertThat(types(joined.path("state").path("events"))).contains("m.room.create", "m.room.power_levels", "m.room.name");
    }

    @Test
    void syncHonoursTheUploadedFiltersTimelineTypesAndLimit() {
        String room = roomWithBotJoined();
        homeserver.sendText(room, ADMIN, "one");
        homeserver.sendText(room, ADMIN, "two");
        String filterId = bot.post(bot.url("user", BOT, "filter"),
                "{\"room\":{\"timeline\":{\"limit\":1,\"types\":[\"m.room.message\"]}}}").body().path("filter_id").asText();

        MatrixHttp.Answer sync = bot.get(bot.url("sync").newBuilder().addQueryParameter("filter", filterId).build());

        JsonNode timeline = sync.body().path("rooms").path("join").path(room).path("timeline");
        assertThat(bodies(timeline.path("events"))).containsExactly("two");
        assertThat(types(timeline.path("events"))).containsOnly("m.room.message");
    }

    @Test
    void incrementalLongPollWakesWhenAnotherUserSends() throws Exception {
        String room = roomWithBotJoined();
        String since = bot.sync(null, 0).body().path("next_batch").asText();

        CompletableFuture<MatrixHttp.Answer> poll = CompletableFuture.supplyAsync(() -> bot.sync(since, 10_000));
        Thread.sleep(200);
        assertThat(poll).isNotDone();
        Instant sent = Instant.now();
        homeserver.sendText(room, ADMIN, "!invite carol");
        MatrixHttp.Answer answer = poll.get(5, TimeUnit.SECONDS);

        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(2));
        JsonNode joined = answer.body().path("rooms").path("join").path(room);
        assertThat(bodies(joined.path("timeline").path("events"))).containsExactly("!invite carol");
        assertThat(joined.path("timeline").path("limited").asBoolean()).isFalse();
        assertThat(answer.body().path("next_batch").asText()).isNotEqualTo(since);
        assertFitsSpec("sync", answer);
    }

    @Test
    void incrementalLongPollWithNothingNewTimesOutEmpty() {
        roomWithBotJoined();
        String since = bot.sync(null, 0).body().path("next_batch").asText();

        long started = System.nanoTime();
        MatrixHttp.Answer answer = bot.sync(since, 300);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(280), Duration.ofSeconds(3));
        assertThat(answer.body().path("rooms").path("join").isEmpty()).isTrue();
        assertThat(answer.body().path("next_batch").asText()).isEqualTo(since);
    }

    @Test
    void concurrentLongPollsAndSendsAllProceed() throws Exception {
        String room = roomWithBotJoined();
        homeserver.invite(room, ADMIN, BOB);
        homeserver.join(room, BOB);
        String botSince = bot.sync(null, 0).body().path("next_batch").asText();
        String adminSince = admin.sync(null, 0).body().path("next_batch").asText();

        CompletableFuture<MatrixHttp.Answer> botPoll = CompletableFuture.supplyAsync(() -> bot.sync(botSince, 10_000));
        CompletableFuture<MatrixHttp.Answer> adminPoll = CompletableFuture.supplyAsync(() -> admin.sync(adminSince, 10_000));
        Thread.sleep(200);
        MatrixHttp.Answer send = bot.send(room, "m.room.message", "t1", "{\"msgtype\":\"m.notice\",\"body\":\"hello\"}");

        assertThat(send.status()).isEqualTo(200);
        assertThat(bodies(adminPoll.get(5, TimeUnit.SECONDS).body().path("rooms").path("join").path(room).path("timeline").path("events")))
                .containsExactly("hello");
        JsonNode botEcho = botPoll.get(5, TimeUnit.SECONDS).body().path("rooms").path("join").path(room).path("timeline").path("events").path(0);
        assertThat(botEcho.path("unsigned").path("transaction_id").asText()).isEqualTo("t1");
    }

    @Test
    void resendWithTheSameTxnIdReturnsTheSameEventAndPostsOnce() {
        String room = roomWithBotJoined();
        String content = "{\"msgtype\":\"m.notice\",\"body\":\"invitation created\"}";

        MatrixHttp.Answer first = bot.send(room, "m.room.message", "txn-1", content);
        MatrixHttp.Answer again = bot.send(room, "m.room.message", "txn-1", content);
        MatrixHttp.Answer other = bot.send(room, "m.room.message", "txn-2", content);

        assertFitsSpec("sendMessage", first);
        assertThat(again.body().path("event_id").asText()).isEqualTo(first.body().path("event_id").asText());
        assertThat(other.body().path("event_id").asText()).isNotEqualTo(first.body().path("event_id").asText());
        assertThat(homeserver.messagesFrom(room, BOT)).hasSize(2);
        assertThat(homeserver.sendCount(BOT)).isEqualTo(3);
    }

    @Test
    void aReactionIsAnAnnotationOncePerKeyUntilItsRedactionRemovesIt() {
        String room = roomWithBotJoined();
        String command = homeserver.sendText(room, ADMIN, "!invite jane@example.com");
        String done = "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"" + command + "\",\"key\":\"✅\"}}";

        MatrixHttp.Answer reacted = bot.send(room, "m.reaction", "r1", done);
        MatrixHttp.Answer twice = bot.send(room, "m.reaction", "r2", done);
        MatrixHttp.Answer toNothing = bot.send(room, "m.reaction", "r3", done.replace(command, "$no-such-event"));

        assertFitsSpec("sendMessage", reacted);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.errcode()).isEqualTo("M_DUPLICATE_ANNOTATION");
        assertThat(toNothing.status()).isEqualTo(400);
        assertThat(homeserver.reactionsTo(room, command)).singleElement()
                .satisfies(reaction -> assertThat(reaction.content().path("m.relates_to").path("key").asText()).isEqualTo("✅"));

        String reaction = reacted.body().path("event_id").asText();
        MatrixHttp.Answer redacted = bot.put(bot.url("rooms", room, "redact", reaction, "x1"), "{}");
        MatrixHttp.Answer again = bot.put(bot.url("rooms", room, "redact", reaction, "x1"), "{}");

        assertFitsSpec("redactEvent", redacted);
        assertThat(again.body().path("event_id").asText()).isEqualTo(redacted.body().path("event_id").asText());
        assertThat(homeserver.reactionsTo(room, command)).isEmpty();
        assertThat(homeserver.timeline(room)).filteredOn(event -> event.type().equals("m.room.redaction"))
                .singleElement().satisfies(event -> assertThat(event.content().path("redacts").asText()).isEqualTo(reaction));
        assertThat(bot.send(room, "m.reaction", "r4", done).status()).as("a redacted reaction may be made again").isEqualTo(200);
    }

    @Test
    void redactingSomeoneElsesEventNeedsTheRedactPowerLevel() {
        String room = roomWithBotJoined();
        String command = homeserver.sendText(room, ADMIN, "!help");

        MatrixHttp.Answer refused = bot.put(bot.url("rooms", room, "redact", command, "x1"), "{\"reason\":\"tidy\"}");
        MatrixHttp.Answer allowed = admin.put(admin.url("rooms", room, "redact", command, "x1"), "{\"reason\":\"tidy\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(homeserver.timeline(room)).filteredOn(event -> event.eventId().equals(command)).singleElement()
                .satisfies(event -> assertThat(event.content().isEmpty()).as("content stripped").isTrue());
    }

    @Test
    void aThreadStartsOnlyFromAnEventWithoutARelation() {
        String room = roomWithBotJoined();
        String root = homeserver.sendText(room, ADMIN, "!invite jane@example.com");
        String inThread = homeserver.sendInThread(room, ADMIN, root, "!invites");
        String answer = "{\"msgtype\":\"m.notice\",\"body\":\"done\",\"m.relates_to\":{\"rel_type\":\"m.thread\","
                + "\"event_id\":\"%s\",\"is_falling_back\":true,\"m.in_reply_to\":{\"event_id\":\"%s\"}}}";

        MatrixHttp.Answer threaded = bot.send(room, "m.room.message", "t1", answer.formatted(root, inThread));
        MatrixHttp.Answer fromThreadedEvent = bot.send(room, "m.room.message", "t2", answer.formatted(inThread, inThread));

        assertFitsSpec("sendMessage", threaded);
        assertThat(fromThreadedEvent.status()).isEqualTo(400);
        assertThat(fromThreadedEvent.body().path("error").asText()).contains("Cannot start threads from an event with a relation");
    }

    @Test
    void nextSendsAreRateLimitedWith429AndRetryAfter() {
        String room = roomWithBotJoined();
        homeserver.rateLimitNextSends(2, 1500);

        List<MatrixHttp.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(bot.send(room, "m.room.message", "same-txn", "{\"msgtype\":\"m.notice\",\"body\":\"hi\"}"));
        }

        assertThat(answers).extracting(MatrixHttp.Answer::status).containsExactly(429, 429, 200);
        assertThat(answers.get(0).errcode()).isEqualTo("M_LIMIT_EXCEEDED");
        assertThat(answers.get(0).body().path("retry_after_ms").asLong()).isEqualTo(1500);
        assertThat(answers.get(0).headers().get("Retry-After")).isEqualTo("2");
        assertThat(homeserver.messagesFrom(room, BOT)).hasSize(1);
        assertThat(homeserver.requests()).filteredOn(request -> "sendMessage".equals(request.operation()))
                .extracting(ReceivedRequest::status).containsExactly(429, 429, 200);
    }

    @Test
    void inviteShowsInSyncWithTheInviterAndTheRoomCanBeJoined() {
        String room = homeserver.createRoom(ADMIN, "admins", false);
        homeserver.sendText(room, ADMIN, "!invite before the bot joined");
        String since = bot.sync(null, 0).body().path("next_batch").asText();
        homeserver.invite(room, ADMIN, BOT);

        MatrixHttp.Answer invited = bot.sync(since, 1000);
        JsonNode inviteState = invited.body().path("rooms").path("invite").path(room).path("invite_state").path("events");
        MatrixHttp.Answer join = bot.post(bot.url("rooms", room, "join"), "{}");
        MatrixHttp.Answer joined = bot.sync(invited.body().path("next_batch").asText(), 1000);

        assertFitsSpec("sync", invited);
        assertThat(inviteState).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("m.room.member");
            assertThat(event.path("state_key").asText()).isEqualTo(BOT);
            assertThat(event.path("sender").asText()).isEqualTo(ADMIN);
            assertThat(event.path("content").path("membership").asText()).isEqualTo("invite");
        });
        assertThat(types(inviteState)).contains("m.room.name", "m.room.join_rules");
        assertThat(join.body().path("room_id").asText()).isEqualTo(room);
        assertFitsSpec("joinRoomById", join);
        // like Synapse, a room joined since the last sync comes with its recent history
        JsonNode timeline = joined.body().path("rooms").path("join").path(room).path("timeline").path("events");
        assertThat(bodies(timeline)).contains("!invite before the bot joined");
        assertThat(homeserver.isJoined(room, BOT)).isTrue();
    }

    @Test
    void joiningWithoutAnInvitationIsForbidden() {
        String room = homeserver.createRoom(ADMIN, "admins", false);

        MatrixHttp.Answer join = bot.post(bot.url("join", room), "{}");
        MatrixHttp.Answer send = bot.send(room, "m.room.message", "t", "{\"msgtype\":\"m.notice\",\"body\":\"x\"}");

        assertThat(join.status()).isEqualTo(403);
        assertThat(join.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(send.status()).isEqualTo(403);
        assertThat(homeserver.timeline(room)).noneMatch(event -> event.sender().equals(BOT));
    }

    @Test
    void leavingShowsTheRoomUnderLeaveAndEndsMembership() {
        String room = roomWithBotJoined();
        String since = bot.sync(null, 0).body().path("next_batch").asText();

        MatrixHttp.Answer leave = bot.post(bot.url("rooms", room, "leave"), "{}");
        MatrixHttp.Answer sync = bot.sync(since, 1000);

        assertThat(leave.status()).isEqualTo(200);
        assertThat(sync.body().path("rooms").path("leave").has(room)).isTrue();
        assertThat(bot.get(bot.url("joined_rooms")).body().path("joined_rooms")).isEmpty();
        assertFitsSpec("sync", sync);
    }

    @Test
    void createRoomWithIsDirectInvitesTheOtherUserAsDirect() {
        MatrixHttp.Answer created = bot.post(bot.url("createRoom"),
                "{\"preset\":\"trusted_private_chat\",\"is_direct\":true,\"invite\":[\"" + ADMIN + "\"]}");
        String room = created.body().path("room_id").asText();

        JsonNode invite = admin.sync(null, 0).body().path("rooms").path("invite").path(room).path("invite_state").path("events");

        assertFitsSpec("createRoom", created);
        assertThat(room).startsWith("!").endsWith(":example.org");
        assertThat(invite).anySatisfy(event -> {
            assertThat(event.path("state_key").asText()).isEqualTo(ADMIN);
            assertThat(event.path("sender").asText()).isEqualTo(BOT);
            assertThat(event.path("content").path("is_direct").asBoolean()).isTrue();
        });
        JsonNode powerLevels = bot.get(bot.url("rooms", room, "state", "m.room.power_levels", "")).body();
        assertThat(powerLevels.path("users").path(ADMIN).asInt()).isEqualTo(100);
        assertThat(bot.get(bot.url("joined_rooms")).body().path("joined_rooms").get(0).asText()).isEqualTo(room);
    }

    @Test
    void stateCanBeSentAndReadAndMissingStateIs404() {
        String room = bot.post(bot.url("createRoom"), "{\"preset\":\"private_chat\"}").body().path("room_id").asText();

        MatrixHttp.Answer sent = bot.put(bot.url("rooms", room, "state", "m.room.encryption", ""),
                "{\"algorithm\":\"m.megolm.v1.aes-sha2\"}");
        MatrixHttp.Answer read = bot.get(bot.url("rooms", room, "state", "m.room.encryption", ""));
        MatrixHttp.Answer missing = bot.get(bot.url("rooms", room, "state", "m.room.topic", ""));
        MatrixHttp.Answer all = bot.get(bot.url("rooms", room, "state"));

        assertFitsSpec("setRoomStateWithKey", sent);
        assertThat(read.body().path("algorithm").asText()).isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errcode()).isEqualTo("M_NOT_FOUND");
        assertFitsSpec("getRoomState", all);
        assertThat(types(all.body())).contains("m.room.create", "m.room.encryption");
    }

    @Test
    void accountDataIsStoredPerUserAndMissingIs404() {
        HttpUrl direct = bot.url("user", BOT, "account_data", "m.direct");

        MatrixHttp.Answer before = bot.get(direct);
        MatrixHttp.Answer put = bot.put(direct, "{\"" + ADMIN + "\":[\"!dm:example.org\"]}");
        MatrixHttp.Answer after = bot.get(direct);

        assertThat(before.status()).isEqualTo(404);
        assertThat(before.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(put.status()).isEqualTo(200);
        assertThat(after.body().path(ADMIN).get(0).asText()).isEqualTo("!dm:example.org");
        assertThat(homeserver.directRoomsOf(BOT)).containsEntry(ADMIN, List.of("!dm:example.org"));
        assertThat(admin.get(direct).status()).isEqualTo(403);
    }

    @Test
    void eventsTheStandInCreatesFitTheirEventSchemas() {
        String room = bot.post(bot.url("createRoom"), "{\"name\":\"dm\",\"is_direct\":true,\"invite\":[\"" + ADMIN + "\"]}")
                .body().path("room_id").asText();
        homeserver.join(room, ADMIN);
        homeserver.sendText(room, ADMIN, "hello");
        JsonNode events = bot.sync(null, 0).body().path("rooms").path("join").path(room);
        ClientServerSpec spec = ClientServerSpec.get();

        List<String> checked = new ArrayList<>();
        for (JsonNode event : concat(events.path("state").path("events"), events.path("timeline").path("events"))) {
            ((ObjectNode) event).put("room_id", room);
            spec.documents().document(SpecDocuments.EVENT_SCHEMAS + event.path("type").asText() + ".yaml").ifPresent(schema -> {
                assertThat(spec.schemas().problems(schema, event)).as(event.toString()).isEmpty();
                checked.add(event.path("type").asText());
            });
        }

        assertThat(checked).contains("m.room.member", "m.room.power_levels", "m.room.name", "m.room.message");
    }

    @Test
    void javaApiEventsReachListenersAndAwaiters() {
        String room = roomWithBotJoined();
        List<RoomEvent> heard = new ArrayList<>();
        homeserver.addListener(heard::add);

        CompletableFuture.runAsync(() -> homeserver.sendText(room, ADMIN, "later"));
        boolean arrived = homeserver.awaitMessage(room, event -> event.content().path("body").asText().equals("later"),
                Duration.ofSeconds(5));

        assertThat(arrived).isTrue();
        assertThat(homeserver.awaitMessage(room, event -> false, Duration.ofMillis(50))).isFalse();
        assertThat(heard).extracting(RoomEvent::type).contains("m.room.message");
        assertThatThrownBy(() -> homeserver.sendText(room, BOB, "not a member")).hasMessageContaining("M_FORBIDDEN");
    }

    @Test
    void unavailableHomeserverAnswers503UntilItIsBack() {
        homeserver.setAvailable(false);
        MatrixHttp.Answer down = bot.get(bot.url("account", "whoami"));
        homeserver.setAvailable(true);

        assertThat(down.status()).isEqualTo(503);
        assertThat(bot.get(bot.url("account", "whoami")).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        homeserver.setLatency(Duration.ofMillis(200));

        long started = System.nanoTime();
        bot.get(bot.url("account", "whoami"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    private String roomWithBotJoined() {
        String room = homeserver.createRoom(ADMIN, "admins", false);
        homeserver.invite(room, ADMIN, BOT);
        homeserver.join(room, BOT);
        return room;
    }

    private static List<String> bodies(JsonNode events) {
        List<String> bodies = new ArrayList<>();
        events.forEach(event -> {
            if (event.path("type").asText().equals("m.room.message")) {
                bodies.add(event.path("content").path("body").asText());
            }
        });
        return bodies;
    }

    private static List<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asText()));
        return types;
    }
}
