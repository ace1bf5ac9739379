package org.invitebot.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import org.junit.jupiter.api.Test;

class OpsServerTest {

    @Test
    void aLoopThatStoppedMakesTheBotUnhealthyWithTheReason() throws Exception {
        Heartbeats heartbeats = new Heartbeats(Clock.systemUTC());
        heartbeats.expect("matrix-sync", Duration.ofMinutes(1));
        heartbeats.expect("authentik-events", Duration.ofMillis(1));
        Thread.sleep(50);
        try (OpsServer server = OpsServer.start(0, heartbeats, new Telemetry(heartbeats, List.of("matrix-sync")));
             Response response = new OkHttpClient().newCall(new Request.Builder()
                     .url("http://127.0.0.1:" + server.port() + "/healthz").build()).execute()) {

            assertThat(response.code()).isEqualTo(503);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = new ObjectMapper().readTree(response.body().string());
            assertThat(body.path("status").asText()).isEqualTo("unhealthy");
            assertThat(body.path("reason").asText()).startsWith("authentik-events: it has not completed a round for")
                    .doesNotContain("matrix-sync");
        }
    }
}
