package org.invitebot.testbed.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.invitebot.testbed.signal.SwaggerShapes.assertFits;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server around the messages: about, health, accounts, availability, and the account it is started with. */
class FakeSignalServerTest {

    private static final String BOT = "+15550000000";

    private FakeSignal signal;

    @AfterEach
    void stop() {
        if (signal != null) {
            signal.assertNoContractViolations();
            signal.close();
        }
    }

    @Test
    void aboutNamesTheModeAndHealthIs204AndAccountsListsTheAccount() {
        signal = FakeSignal.start(BOT, ReceiveMode.JSON_RPC);
        SignalHttp bot = new SignalHttp(signal);

        SignalHttp.Answer about = bot.get("/v1/about");
        SignalHttp.Answer health = bot.get("/v1/health");
        SignalHttp.Answer accounts = bot.get("/v1/accounts");

        assertThat(about.status()).isEqualTo(200);
        assertThat(about.body().path("mode").asText()).isEqualTo("json-rpc");
        assertThat(about.body().path("versions").toString()).isEqualTo("[\"v1\",\"v2\"]");
        assertThat(about.body().path("build").asInt()).isEqualTo(2);
        assertThat(about.body().path("capabilities").path("v2/send").toString()).isEqualTo("[\"quotes\",\"mentions\"]");
        assertFits("client.About", about.body());
        assertThat(health.status()).isEqualTo(204);
        assertThat(health.text()).isEmpty();
        assertThat(accounts.body().toString()).isEqualTo("[\"" + BOT + "\"]");
        assertThat(signal.mode()).isEqualTo(ReceiveMode.JSON_RPC);
        assertThat(signal.baseUrl()).startsWith("http://").doesNotEndWith("/");
    }

    @Test
    void searchTellsWhichNumbersAreOnSignal() {
        signal = FakeSignal.start(BOT, ReceiveMode.JSON_RPC);
        signal.setUnregistered("+15559990000");

        SignalHttp.Answer found = new SignalHttp(signal).get("/v1/search/" + BOT.replace("+", "%2B")
                + "?numbers=%2B15551234567&numbers=%2B15559990000");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().toString()).isEqualTo("[{\"number\":\"+15551234567\",\"registered\":true},"
                + "{\"number\":\"+15559990000\",\"registered\":false}]");
        signal.assertNoContractViolations();
    }

    @Test
    void aboutInNormalModeSaysNormal() {
        signal = FakeSignal.start(BOT, ReceiveMode.NORMAL);

        assertThat(new SignalHttp(signal).get("/v1/about").body().path("mode").asText()).isEqualTo("normal");
    }

    @Test
    void unavailableServerFailsCallsWithIOExceptionAndRecoversWhenBack() throws Exception {
        signal = FakeSignal.start(BOT, ReceiveMode.NORMAL);
        SignalHttp bot = new SignalHttp(signal);

        signal.setAvailable(false);
        assertThatThrownBy(() -> bot.execute("GET", "/v1/health", null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bot.execute("POST", "/v2/send", "{}")).isInstanceOf(IOException.class);
        signal.setAvailable(true);

        assertThat(bot.get("/v1/health").status()).isEqualTo(204);
        assertThat(signal.countRequests("GET", "/v1/health")).isEqualTo(1);
        assertThat(signal.countRequests("POST", "/v2/send")).isZero();
    }

    @Test
    void goingUnavailableClosesWebSocketsAndRefusesNewOnes() throws Exception {
        signal = FakeSignal.start(BOT, ReceiveMode.JSON_RPC);
        SignalHttp bot = new SignalHttp(signal);
        SignalHttp.Receiver attached = bot.receive(BOT);
        assertThat(attached.awaitOpen()).isTrue();
        assertThat(signal.awaitReceiver(Duration.ofSeconds(2))).isTrue();

        signal.setAvailable(false);
        SignalHttp.Receiver refused = bot.receive(BOT);

        assertThat(attached.awaitEnd()).isTrue();
        assertThat(refused.awaitEnd()).isTrue();
        assertThat(refused.failure()).isInstanceOf(IOException.class);
        assertThat(signal.awaitReceiver(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void theAccountMustBeAPhoneNumber() {
        assertThatThrownBy(() -> FakeSignal.start("15550000000", ReceiveMode.NORMAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E.164")
                .hasMessageContaining("15550000000");
    }
}
