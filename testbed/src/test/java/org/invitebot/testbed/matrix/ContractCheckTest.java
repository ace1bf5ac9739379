package org.invitebot.testbed.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import okhttp3.HttpUrl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests that break the client-server spec are refused and recorded, each naming what is wrong. */
class ContractCheckTest {

    private static final String BOT = "@bot:example.org";

    private FakeHomeserver homeserver;
    private MatrixHttp bot;
    private String room;

    @BeforeEach
    void start() {
        homeserver = FakeHomeserver.start("example.org");
        bot = new MatrixHttp(homeserver, homeserver.registerUser(BOT));
        room = bot.post(bot.url("createRoom"), "{\"preset\":\"private_chat\"}").body().path("room_id").asText();
    }

    @AfterEach
    void stop() {
        homeserver.close();
    }

    static Stream<Arguments> brokenSends() {
        return Stream.of(
                Arguments.of("misspelled body", "{\"msgtype\":\"m.notice\",\"bodyy\":\"x\"}", "bodyy"),
                Arguments.of("missing msgtype", "{\"body\":\"x\"}", "msgtype"),
                Arguments.of("body of the wrong type", "{\"msgtype\":\"m.notice\",\"body\":5}", "body"),
                Arguments.of("unknown extra field", "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"formatted\":\"<b>x</b>\"}",
                        "formatted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSends")
    void messageContentThatBreaksTheEventSchemaIsRefusedAndRecorded(String why, String content, String named) {
        MatrixHttp.Answer answer = bot.send(room, "m.room.message", "t1", content);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errcode()).isEqualTo("M_BAD_JSON");
        assertThat(homeserver.contractViolations()).isNotEmpty()
                .allSatisfy(violation -> assertThat(violation.operation()).isEqualTo("sendMessage"))
                .anySatisfy(violation -> assertThat(violation.problem()).contains("content of m.room.message").contains(named));
        assertThat(homeserver.messagesFrom(room, BOT)).isEmpty();
        assertThatThrownBy(homeserver::assertNoContractViolations).isInstanceOf(AssertionError.class).hasMessageContaining(named);
    }

    @Test
    void formattedReplyWithTheFieldsOfTheTextMsgtypesIsAccepted() {
        MatrixHttp.Answer answer = bot.send(room, "m.room.message", "t1", "{\"msgtype\":\"m.notice\",\"body\":\"x\","
                + "\"format\":\"org.matrix.custom.html\",\"formatted_body\":\"<b>x</b>\","
                + "\"m.relates_to\":{\"m.in_reply_to\":{\"event_id\":\"$abc\"}}}");

        assertThat(answer.status()).isEqualTo(200);
        homeserver.assertNoContractViolations();
    }

    @Test
    void createRoomWithAWronglyTypedOrMisspelledFieldIsRefused() {
        MatrixHttp.Answer wrongType = bot.post(bot.url("createRoom"), "{\"is_direct\":\"yes\"}");
        MatrixHttp.Answer misspelled = bot.post(bot.url("createRoom"), "{\"is_dirrect\":true}");
        MatrixHttp.Answer badPreset = bot.post(bot.url("createRoom"), "{\"preset\":\"private\"}");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(misspelled.status()).isEqualTo(400);
        assertThat(badPreset.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("/is_direct").contains("boolean"))
                .anySatisfy(problem -> assertThat(problem).contains("is_dirrect"))
                .anySatisfy(problem -> assertThat(problem).contains("/preset"));
    }

    @Test
    void misspelledFieldDeepInsideAFilterIsRefused() {
        MatrixHttp.Answer answer = bot.post(bot.url("user", BOT, "filter"), "{\"room\":{\"timeline\":{\"limitt\":10}}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).singleElement()
                .extracting(ContractViolation::problem).asString().contains("/room/timeline").contains("limitt");
    }

    @Test
    void joinWithoutTheRequiredBodyIsRefused() {
        MatrixHttp.Answer answer = bot.post(bot.url("rooms", room, "join"), "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).singleElement()
                .extracting(ContractViolation::problem).asString().contains("request body is required");
    }

    @Test
    void wronglyTypedOrUnknownQueryParametersAreRefused() {
        MatrixHttp.Answer badTimeout = bot.get(bot.url("sync").newBuilder().addQueryParameter("timeout", "soon").build());
        MatrixHttp.Answer tokenInQuery = bot.get(bot.url("sync").newBuilder().addQueryParameter("access_token", "x").build());
        MatrixHttp.Answer badInlineFilter = bot.get(bot.url("sync").newBuilder()
                .addQueryParameter("filter", "{\"room\":{\"timline\":{}}}").build());

        assertThat(badTimeout.status()).isEqualTo(400);
        assertThat(tokenInQuery.status()).isEqualTo(400);
        assertThat(badInlineFilter.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("query parameter timeout"))
                .anySatisfy(problem -> assertThat(problem).contains("access_token"))
                .anySatisfy(problem -> assertThat(problem).contains("timline"));
    }

    @Test
    void pathParameterOutsideItsPatternIsRefused() {
        MatrixHttp.Answer answer = bot.send("not-a-room-id", "m.room.message", "t1", "{\"msgtype\":\"m.notice\",\"body\":\"x\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).singleElement()
                .extracting(ContractViolation::problem).asString().contains("path parameter roomId");
    }

    @Test
    void unknownEndpointAndWrongMethodAreUnrecognizedAndRecorded() {
        MatrixHttp.Answer unknown = bot.get(bot.url("no", "such", "endpoint"));
        MatrixHttp.Answer wrongMethod = bot.post(bot.url("account", "whoami"), "{}");
        // the spec has no state path without a state key: the trailing slash matters
        HttpUrl noStateKey = HttpUrl.get(homeserver.baseUrl() + "/_matrix/client/v3/rooms/" + room + "/state/m.room.encryption");
        MatrixHttp.Answer withoutSlash = bot.put(noStateKey, "{\"algorithm\":\"m.megolm.v1.aes-sha2\"}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_UNRECOGNIZED");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errcode()).isEqualTo("M_UNRECOGNIZED");
        assertThat(withoutSlash.status()).isEqualTo(404);
        assertThat(homeserver.contractViolations()).hasSize(3);
    }

    @Test
    void bodyThatIsNotJsonIsRefusedAsNotJson() {
        MatrixHttp.Answer answer = bot.put(bot.url("rooms", room, "send", "m.room.message", "t1"), "{not json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errcode()).isEqualTo("M_NOT_JSON");
        assertThat(homeserver.contractViolations()).hasSize(1);
    }

    @Test
    void memberStateContentIsCheckedAgainstItsEventSchema() {
        MatrixHttp.Answer answer = bot.put(bot.url("rooms", room, "state", "m.room.member", BOT), "{\"membership\":\"joined\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(homeserver.contractViolations()).singleElement()
                .extracting(ContractViolation::problem).asString().contains("content of m.room.member").contains("/membership");
    }
}
