package org.invitebot.testbed.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests that do not fit the swagger or the server's use: recorded, and refused where the real server refuses them. */
class SignalContractTest {

    private static final String BOT = "+15550000000";
    private static final String ALICE = "+15551234567";

    private FakeSignal signal;
    private SignalHttp bot;

    @BeforeEach
    void start() {
        signal = FakeSignal.start(BOT, ReceiveMode.JSON_RPC);
        bot = new SignalHttp(signal);
    }

    @AfterEach
    void stop() {
        signal.close();
    }

    @Test
    void missingRecipientsIs400AndAViolation() {
        SignalHttp.Answer answer = bot.post("/v2/send", "{\"message\":\"hi\",\"number\":\"" + BOT + "\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Couldn't process request - please provide at least one recipient");
        assertThat(signal.contractViolations()).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.method()).isEqualTo("POST");
                    assertThat(violation.path()).isEqualTo("/v2/send");
                    assertThat(violation.problem()).contains("recipients");
                });
        assertThat(signal.sent()).isEmpty();
        assertThatThrownBy(signal::assertNoContractViolations).isInstanceOf(AssertionError.class).hasMessageContaining("recipients");
    }

    @Test
    void aMisspelledFieldIsAViolationButSendsAsTheRealServerWould() {
        SignalHttp.Answer answer = bot.post("/v2/send",
                "{\"message\":\"hi\",\"number\":\"" + BOT + "\",\"recipients\":[\"" + ALICE + "\"],\"textmode\":\"styled\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(signal.sent().get(0).textMode()).isEqualTo("normal");
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .containsExactly("body: field \"textmode\" is not in the swagger (misspelled?)");
    }

    @Test
    void theSingleRecipientFieldTheSwaggerHidesIsHonouredButAViolation() {
        SignalHttp.Answer answer = bot.post("/v2/send", "{\"message\":\"hi\",\"number\":\"" + BOT + "\",\"recipient\":\"" + ALICE + "\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(signal.sentTo(ALICE)).hasSize(1);
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .contains("body: field \"recipient\" is not in the swagger (misspelled?)");
    }

    @Test
    void aTextModeOutsideTheEnumIsAViolation() {
        bot.post("/v2/send",
                "{\"message\":\"hi\",\"number\":\"" + BOT + "\",\"recipients\":[\"" + ALICE + "\"],\"text_mode\":\"markdown\"}");

        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("text_mode"));
    }

    @Test
    void aBodyOfTheWrongTypesIs400InvalidRequest() {
        SignalHttp.Answer answer = bot.post("/v2/send", "{\"message\":\"hi\",\"number\":\"" + BOT + "\",\"recipients\":\"" + ALICE + "\"}");
        SignalHttp.Answer notJson = bot.post("/v2/send", "recipients=" + ALICE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Couldn't process request - invalid request");
        assertThat(notJson.error()).isEqualTo("Couldn't process request - invalid request");
        assertThat(signal.contractViolations()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSendFieldTheStandInDoesNotModelIsRecorded() {
        SignalHttp.Answer answer = bot.post("/v2/send",
                "{\"message\":\"hi\",\"number\":\"" + BOT + "\",\"recipients\":[\"" + ALICE + "\"],\"view_once\":true}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .containsExactly("the stand-in ignores field view_once of the send, which the real server would act on; "
                        + "teach it to if the bot is meant to use it");
    }

    @Test
    void anUndeclaredQueryParameterIsAViolation() {
        signal.close();
        signal = FakeSignal.start(BOT, ReceiveMode.NORMAL);

        new SignalHttp(signal).get("/v1/receive/" + BOT + "?timeout=0&ignoreAttachments=true");

        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .singleElement().asString().startsWith("query parameter ignoreAttachments is not declared");
    }

    @Test
    void unknownPathsAndMethodsAre404AndViolations() {
        SignalHttp.Answer unknown = bot.get("/v1/nothing");
        SignalHttp.Answer wrongMethod = bot.call("DELETE", "/v2/send", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .containsExactly("no path of the swagger is /v1/nothing", "the swagger defines only [POST] on this path, not DELETE");
    }

    @Test
    void aSwaggerOperationTheStandInDoesNotServeIsRecorded() {
        SignalHttp.Answer groups = bot.get("/v1/groups/" + BOT);

        assertThat(groups.status()).isEqualTo(404);
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .containsExactly("GET /v1/groups/{number} is not served by the stand-in; teach it to if the bot is meant to use it");
    }

    @Test
    void aPlainGetOfReceiveInJsonRpcModeIs400AndAViolation() {
        SignalHttp.Answer answer = bot.get("/v1/receive/" + BOT);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).startsWith("websocket: the client is not using the websocket protocol");
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .singleElement().asString().contains("is a WebSocket");
    }

    @Test
    void aWebSocketForAnotherNumberIsAcceptedButRecordedAndGetsNothing() throws Exception {
        SignalHttp.Receiver receiver = bot.receive("+15559999999");
        assertThat(receiver.awaitOpen()).isTrue();

        signal.deliver(ALICE, "for the bot");

        assertThat(receiver.nextFrame(Duration.ofMillis(200))).isNull();
        assertThat(signal.contractViolations()).extracting(ContractViolation::problem)
                .singleElement().asString().contains("no account +15559999999");
        receiver.close();
    }
}
