package org.invitebot.testbed.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.testbed.signal.SwaggerShapes.assertFits;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Receiving as the bot would: polling in normal and native mode, a WebSocket in json-rpc mode. */
class FakeSignalReceiveTest {

    private static final String BOT = "+15550000000";
    private static final String ALICE = "+15551234567";
    private static final Duration SHORT = Duration.ofMillis(200);

    private FakeSignal signal;

    @AfterEach
    void stop() {
        signal.assertNoContractViolations();
        signal.close();
    }

    private SignalHttp start(ReceiveMode mode) {
        signal = FakeSignal.start(BOT, mode);
        return new SignalHttp(signal);
    }

    @Test
    void normalModeHandsOutQueuedEnvelopesOnceAsAnArray() {
        SignalHttp bot = start(ReceiveMode.NORMAL);
        long first = signal.deliver(ALICE, "!invite bob@example.org");
        long second = signal.deliver(ALICE, "!list");

        SignalHttp.Answer batch = bot.get("/v1/receive/" + BOT);
        SignalHttp.Answer empty = bot.get("/v1/receive/" + BOT + "?timeout=0");

        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.body()).hasSize(2);
        JsonNode message = batch.body().get(0);
        assertThat(message.path("account").asText()).isEqualTo(BOT);
        JsonNode envelope = message.path("envelope");
        assertThat(envelope.path("source").asText()).isEqualTo(ALICE);
        assertThat(envelope.path("sourceNumber").asText()).isEqualTo(ALICE);
        assertThat(envelope.path("sourceUuid").asText()).matches("[0-9a-f-]{36}");
        assertThat(envelope.path("sourceDevice").asInt()).isEqualTo(1);
        assertThat(envelope.path("timestamp").asLong()).isEqualTo(first);
        assertThat(envelope.path("dataMessage").path("timestamp").asLong()).isEqualTo(first);
        assertThat(envelope.path("dataMessage").path("message").asText()).isEqualTo("!invite bob@example.org");
        assertThat(envelope.path("dataMessage").path("expiresInSeconds").asInt()).isZero();
        assertThat(batch.body().get(1).path("envelope").path("timestamp").asLong()).isEqualTo(second).isGreaterThan(first);
        assertFits("data.Message", message);
        assertThat(empty.text()).isEqualTo("[]");
    }

    @Test
    void maxMessagesLimitsABatchAndTheRestWaits() {
        SignalHttp bot = start(ReceiveMode.NATIVE);
        signal.deliver(ALICE, "one");
        signal.deliver(ALICE, "two");

        SignalHttp.Answer first = bot.get("/v1/receive/" + BOT + "?max_messages=1&timeout=0");
        SignalHttp.Answer rest = bot.get("/v1/receive/" + BOT + "?timeout=0&ignore_attachments=true&send_read_receipts=false");

        assertThat(first.body().findValuesAsText("message")).containsExactly("one");
        assertThat(rest.body().findValuesAsText("message")).containsExactly("two");
    }

    @Test
    void normalModeReceiveWaitsForAMessageWithinTheTimeout() {
        SignalHttp bot = start(ReceiveMode.NORMAL);
        new Thread(() -> {
            sleep(SHORT);
            signal.deliver(ALICE, "late");
        }).start();

        long started = System.nanoTime();
        SignalHttp.Answer answer = bot.get("/v1/receive/" + BOT + "?timeout=5");

        assertThat(answer.body().findValuesAsText("message")).containsExactly("late");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void redeliverRepeatsTheEnvelopeWithItsTimestampAndSource() {
        SignalHttp bot = start(ReceiveMode.NORMAL);
        long timestamp = signal.deliver(ALICE, "!invite carol@example.org");
        bot.get("/v1/receive/" + BOT);

        signal.redeliver(ALICE, timestamp, "!invite carol@example.org");
        JsonNode again = bot.get("/v1/receive/" + BOT).body().get(0).path("envelope");

        assertThat(again.path("timestamp").asLong()).isEqualTo(timestamp);
        assertThat(again.path("sourceUuid").asText()).isEqualTo(EnvelopeJson.uuidOf(ALICE).toString());
        assertThat(again.path("serverDeliveredTimestamp").asLong()).isGreaterThan(timestamp);
    }

    @Test
    void normalModeRefusesBadParametersAndOtherAccountsLikeTheRealServer() {
        SignalHttp bot = start(ReceiveMode.NORMAL);

        SignalHttp.Answer timeout = bot.get("/v1/receive/" + BOT + "?timeout=soon");
        SignalHttp.Answer flag = bot.get("/v1/receive/" + BOT + "?ignore_stories=yes");
        SignalHttp.Answer other = bot.get("/v1/receive/+15559999999?timeout=0");

        assertThat(timeout.status()).isEqualTo(400);
        assertThat(timeout.error()).isEqualTo("Couldn't process request - timeout needs to be numeric!");
        assertThat(flag.error()).isEqualTo("Couldn't process request - ignore_stories parameter needs to be either 'true' or 'false'");
        assertThat(other.error()).isEqualTo("User +15559999999 is not registered.\n");
        assertThat(signal.awaitReceiver(Duration.ZERO)).isTrue();
    }

    @Test
    void jsonRpcPushesEachEnvelopeAsOneTextFrame() throws Exception {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        SignalHttp.Receiver receiver = bot.receive(BOT);
        assertThat(receiver.awaitOpen()).isTrue();
        assertThat(signal.awaitReceiver(Duration.ofSeconds(2))).isTrue();

        long timestamp = signal.deliver(ALICE, "!invite bob@example.org");
        JsonNode frame = receiver.nextFrame(Duration.ofSeconds(2));

        assertThat(frame.path("account").asText()).isEqualTo(BOT);
        assertThat(frame.path("envelope").path("timestamp").asLong()).isEqualTo(timestamp);
        assertThat(frame.path("envelope").path("dataMessage").path("message").asText()).isEqualTo("!invite bob@example.org");
        assertFits("data.Message", frame);
        assertThat(signal.countRequests("GET", "/v1/receive/" + BOT)).isEqualTo(1);
        receiver.close();
    }

    @Test
    void jsonRpcDropsMessagesWhileNoSocketIsAttached() throws Exception {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        assertThat(signal.awaitReceiver(Duration.ofMillis(20))).isFalse();
        signal.deliver(ALICE, "lost");

        SignalHttp.Receiver receiver = bot.receive(BOT);
        assertThat(receiver.awaitOpen()).isTrue();
        assertThat(signal.awaitReceiver(Duration.ofSeconds(2))).isTrue();
        signal.deliver(ALICE, "kept");

        assertThat(receiver.nextFrame(Duration.ofSeconds(2)).path("envelope").path("dataMessage").path("message").asText())
                .isEqualTo("kept");
        assertThat(receiver.nextFrame(SHORT)).isNull();
        receiver.close();
    }

    @Test
    void droppedReceiversAreClosedAndAReconnectGetsLaterMessages() throws Exception {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        SignalHttp.Receiver first = bot.receive(BOT);
        assertThat(first.awaitOpen()).isTrue();
        assertThat(signal.awaitReceiver(Duration.ofSeconds(2))).isTrue();

        signal.dropReceivers();
        signal.deliver(ALICE, "while away");
        assertThat(first.awaitEnd()).isTrue();
        assertThat(first.closeCode()).isEqualTo(1001);
        SignalHttp.Receiver second = bot.receive(BOT);
        assertThat(second.awaitOpen()).isTrue();
        assertThat(signal.awaitReceiver(Duration.ofSeconds(2))).isTrue();
        signal.deliver(ALICE, "after reconnect");

        assertThat(second.nextFrame(Duration.ofSeconds(2)).path("envelope").path("dataMessage").path("message").asText())
                .isEqualTo("after reconnect");
        assertThat(first.nextFrame(Duration.ZERO)).isNull();
        assertThat(signal.countRequests("GET", "/v1/receive/")).isEqualTo(2);
        second.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
