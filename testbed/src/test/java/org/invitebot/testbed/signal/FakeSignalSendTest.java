package org.invitebot.testbed.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.testbed.signal.SwaggerShapes.assertFits;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sending as the bot would, over real HTTP; every request here fits the swagger. */
class FakeSignalSendTest {

    private static final String BOT = "+15550000000";
    private static final String ALICE = "+15551234567";
    private static final String BOB = "+15557654321";

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
    void sendIsAnswered201WithTheTimestampAsStringAndRecorded() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);

        SignalHttp.Answer answer = bot.send(BOT, "Invitation created", ALICE);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().path("timestamp").isTextual()).isTrue();
        assertFits("api.SendMessageResponse", answer.body());
        SentMessage sent = signal.sent().get(0);
        assertThat(sent).isEqualTo(new SentMessage(BOT, List.of(ALICE), "Invitation created", "normal",
                Long.parseLong(answer.body().path("timestamp").asText())));
        assertThat(signal.sentTo(ALICE)).containsExactly(sent);
        assertThat(signal.sentTo(BOB)).isEmpty();
        assertThat(signal.awaitSent(message -> message.message().startsWith("Invitation"), Duration.ofMillis(100))).isTrue();
        assertThat(signal.countRequests("POST", "/v2/send")).isEqualTo(1);
    }

    @Test
    void styledTextModeIsKeptAndTimestampsIncrease() {
        SignalHttp bot = start(ReceiveMode.NORMAL);

        bot.post("/v2/send",
                "{\"message\":\"**bold**\",\"number\":\"" + BOT + "\",\"recipients\":[\"" + ALICE + "\"],\"text_mode\":\"styled\"}");
        bot.send(BOT, "second", ALICE, BOB);

        assertThat(signal.sent()).extracting(SentMessage::textMode).containsExactly("styled", "normal");
        assertThat(signal.sent().get(1).recipients()).containsExactly(ALICE, BOB);
        assertThat(signal.sent().get(1).timestamp()).isGreaterThan(signal.sent().get(0).timestamp());
    }

    @Test
    void awaitSentWaitsForASendFromAnotherThread() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);

        new Thread(() -> bot.send(BOT, "later", ALICE)).start();

        assertThat(signal.awaitSent(message -> message.message().equals("later"), Duration.ofSeconds(2))).isTrue();
        assertThat(signal.awaitSent(message -> message.message().equals("never"), Duration.ofMillis(50))).isFalse();
    }

    @Test
    void unregisteredRecipientIs400WithSignalCliJsonRpcText() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        signal.setUnregistered(ALICE);

        SignalHttp.Answer answer = bot.send(BOT, "hello", ALICE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Failed to send message");
        assertFits("api.Error", answer.body());
        assertThat(signal.sent()).isEmpty();
    }

    @Test
    void unregisteredRecipientIs400WithSignalCliOutputInNormalMode() {
        SignalHttp bot = start(ReceiveMode.NORMAL);
        signal.setUnregistered(ALICE);

        SignalHttp.Answer answer = bot.send(BOT, "hello", ALICE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).matches("Failed to send \\(some\\) messages:\n"
                + "\\+15551234567: Unregistered user \"\\+15551234567\"\n"
                + "\\d+\n"
                + "Failed to send message\n");
        assertThat(signal.sent()).isEmpty();
    }

    @Test
    void aSendThatReachesSomeRecipientsSucceedsForThose() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        signal.setUnregistered(ALICE);

        SignalHttp.Answer answer = bot.send(BOT, "hello", ALICE, BOB);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(signal.sent().get(0).recipients()).containsExactly(BOB);
    }

    @Test
    void untrustedIdentityIs400UntilTrustIsRestored() {
        SignalHttp bot = start(ReceiveMode.NATIVE);
        signal.setUntrustedIdentity(ALICE, true);

        SignalHttp.Answer refused = bot.send(BOT, "hello", ALICE);
        signal.setUntrustedIdentity(ALICE, false);
        SignalHttp.Answer sent = bot.send(BOT, "hello again", ALICE);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("+15551234567: Untrusted Identity for \"+15551234567\"\n")
                .endsWith("\nFailed to send message due to untrusted identities\n");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(signal.sent()).extracting(SentMessage::message).containsExactly("hello again");
    }

    @Test
    void untrustedIdentityInJsonRpcModeIsSignalCliErrorMessage() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        signal.setUntrustedIdentity(ALICE, true);

        assertThat(bot.send(BOT, "hello", ALICE).error()).isEqualTo("Failed to send message due to untrusted identities");
    }

    @Test
    void rateLimitedSendsAre429WithChallengeTokensUntilTheCountIsUsedUp() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);
        signal.rateLimitNextSends(2);

        SignalHttp.Answer first = bot.send(BOT, "one", ALICE);
        SignalHttp.Answer second = bot.send(BOT, "two", ALICE);
        SignalHttp.Answer third = bot.send(BOT, "three", ALICE);

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.error()).isEqualTo("Failed to send message due to rate limiting. Use the attached challenge tokens to lift "
                + "the rate limit restrictions via the '/v1/accounts/{number}/rate-limit-challenge' endpoint.");
        assertThat(first.body().path("challenge_tokens")).hasSize(1);
        assertThat(first.body().path("challenge_tokens").get(0).asText()).isNotBlank();
        assertThat(first.body().path("account").asText()).isEqualTo(BOT);
        assertFits("api.SendMessageError", first.body());
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(201);
        assertThat(signal.sent()).extracting(SentMessage::message).containsExactly("three");
    }

    @Test
    void rateLimitedSendInNormalModeIs400WithTheChallengeInSignalCliOutput() {
        SignalHttp bot = start(ReceiveMode.NORMAL);
        signal.rateLimitNextSends(1);

        SignalHttp.Answer answer = bot.send(BOT, "one", ALICE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).startsWith("Failed to send (some) messages:\n+15551234567: CAPTCHA proof required for sending to "
                + "\"+15551234567\", available options \"RECAPTCHA\" with challenge token \"")
                .endsWith("\nFailed to send message due to rate limiting\n");
        assertThat(signal.sent()).isEmpty();
    }

    @Test
    void sendForAnotherAccountIs400() {
        SignalHttp bot = start(ReceiveMode.JSON_RPC);

        SignalHttp.Answer answer = bot.send("+15559999999", "hello", ALICE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Specified account does not exist");
        signal.close();
        signal = FakeSignal.start(BOT, ReceiveMode.NATIVE);
        assertThat(new SignalHttp(signal).send("+15559999999", "hello", ALICE).error()).isEqualTo("User +15559999999 is not registered.\n");
    }
}
