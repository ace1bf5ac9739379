package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.invitebot.bot.BuildInfo;
import org.invitebot.bot.ops.Heartbeats;
import org.invitebot.bot.ops.Telemetry;

/** {@code --version} and {@code invitebot_build_info} name the version and the commit the build was made from. */
class BuildVersionTest {

    @Test
    void theBuildKnowsThePomsVersionAndTheCheckedOutCommit() throws Exception {
        assertThat(BuildInfo.current().version()).isEqualTo(System.getProperty("invitebot.pom.version"));
        assertThat(BuildInfo.current().commit()).isEqualTo(headCommit());
    }

    @Test
    void versionPrintsTheVersionAndTheCommit() {
        StringWriter out = new StringWriter();

        int exit = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).isEqualTo("invitebot " + System.getProperty("invitebot.pom.version")
                + " (commit " + headCommit() + ")");
    }

    @Test
    void metricsCarryTheBuild() {
        Heartbeats heartbeats = new Heartbeats(Clock.systemUTC());
        String scrape = new Telemetry(heartbeats, List.of()).scrape();

        assertThat(scrape).contains("invitebot_build_info{commit=\"" + headCommit() + "\",version=\""
                + System.getProperty("invitebot.pom.version") + "\"} 1");
    }

    /** What git says, or "unknown" where there is no checkout (a source tarball) or no git, as the build does. */
    private static String headCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=10", "HEAD").redirectErrorStream(false).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
