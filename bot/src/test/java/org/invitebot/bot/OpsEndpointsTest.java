package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;

/** SPEC §7: {@code /healthz} and Prometheus {@code /metrics} of the running bot. */
class OpsEndpointsTest {

    /** A comment, or a sample: a metric name, optional labels, a value (exposition format 0.0.4). */
    private static final String PROMETHEUS_LINE = "# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*"
            + "|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*\\})? "
            + "(-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[+-]Inf)";

    private final OkHttpClient http = new OkHttpClient();
    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aRunningBotIsHealthyAndCountsWhatItDoes() throws Exception {
        bot = RunningBot.start(state);
        String admins = bot.world().adminsRoom();
        bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");
        bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com never");
        bot.ask(admins, DemoWorld.ADMIN, "!revoke " + bot.authentik().invitations().get(0).name());
        bot.ask(admins, DemoWorld.ADMIN, "!invite \"unterminated");

        assertThat(get("/healthz")).isEqualTo("200 {\"status\":\"ok\"}");
        String metrics = get("/metrics");
        assertThat(metrics).startsWith("200 ").contains(
                "invitebot_commands_total{command=\"invite\",outcome=\"created\"} 1.0",
                "invitebot_commands_total{command=\"invite\",outcome=\"refused\"} 1.0",
                "invitebot_commands_total{command=\"revoke\",outcome=\"revoked\"} 1.0",
                "invitebot_commands_total{command=\"unknown\",outcome=\"malformed\"} 1.0",
                "invitebot_invitations_total{event=\"created\"} 1.0",
                "invitebot_invitations_total{event=\"revoked\"} 1.0",
                "invitebot_upstream_requests_seconds_bucket{call=\"POST\",outcome=\"ok\",upstream=\"authentik\"",
                "invitebot_upstream_requests_seconds_count{call=\"sync\",outcome=\"ok\",upstream=\"matrix\"}",
                "invitebot_loop_last_success_age_seconds{loop=\"matrix-sync\"}",
                "invitebot_authentik_events_total",
                "jvm_memory_used_bytes",
                "process_uptime_seconds");
    }

    @Test
    void healthTurnsUnhealthyWhileTheHomeserverIsDownAndHealthyWhenItIsBack() throws Exception {
        bot = RunningBot.start(state);
        assertThat(get("/healthz")).startsWith("200");

        bot.homeserver().setAvailable(false);
        bot.homeserver().sendText(bot.world().adminsRoom(), DemoWorld.ADMIN, "ends the long-poll in flight");

        assertThat(awaitHealth("503", Duration.ofSeconds(10))).contains("\"status\":\"unhealthy\"",
                "matrix-sync: its last round failed");
        bot.homeserver().setAvailable(true);
        // a sync that succeeds is seen when its long-poll returns: a message ends it early
        bot.homeserver().sendText(bot.world().adminsRoom(), DemoWorld.ADMIN, "ends the next long-poll");
        assertThat(awaitHealth("200", Duration.ofSeconds(20))).isEqualTo("200 {\"status\":\"ok\"}");
    }

    @Test
    void metricsAreValidPrometheusTextAndTheCommandCounterMoves() throws Exception {
        bot = RunningBot.start(state);
        String before = get("/metrics");
        bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!help");

        String after = get("/metrics");

        assertThat(before).doesNotContain("invitebot_commands_total{command=\"help\"");
        assertThat(after).contains("invitebot_commands_total{command=\"help\",outcome=\"help_requested\"} 1.0");
        for (String line : after.substring(4).split("\n")) {
            assertThat(line).as("a Prometheus text line").matches(PROMETHEUS_LINE);
        }
    }

    private String awaitHealth(String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String health = get("/healthz");
        while (!health.startsWith(status) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = get("/healthz");
        }
        return health;
    }

    private String get(String path) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + bot.httpPort() + path).build())
                .execute()) {
            return response.code() + " " + response.body().string();
        }
    }
}
