package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;

/** {@code invitebot check}: one line per dependency, a fix for each failure, exit code 0 only when all pass. */
class CheckCommandTest {

    @TempDir
    Path dir;
    private DemoWorld world;
    private Path config;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        world = DemoWorld.start(dir.resolve("invitebot.db"));
        config = dir.resolve("invitebot.yaml");
        Files.writeString(config, world.configYaml());
    }

    @AfterEach
    void stop() {
        world.authentik().assertNoContractViolations();
        world.homeserver().assertNoContractViolations();
        world.signal().assertNoContractViolations();
        world.close();
    }

    @Test
    void aReadyStackPassesEveryCheck() {
        joinEveryRoom();

        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "check", "--config", config.toString());

        assertThat(out.toString()).contains(
                "PASS  Authentik at " + world.authentik().baseUrl() + " answers; the token belongs to invitebot",
                "PASS  the token may view events",
                "PASS  enrollment flow \"invitation-enrollment\" exists and has an invitation stage",
                "PASS  group \"media-users\" exists",
                "PASS  Matrix whoami is " + DemoWorld.BOT,
                "PASS  the bot is in room " + world.adminsRoom() + " and can read it",
                "PASS  signal-cli-rest-api 0.100 answers in mode json-rpc",
                "PASS  signal.number is registered with signal-cli-rest-api")
                .doesNotContain("FAIL", "demo-authentik-token-not-a-secret", DemoWorld.BOT_PHONE)
                .containsPattern("all \\d+ checks passed");
        assertThat(exit).isZero();
    }

    @Test
    void eachProblemIsNamedWithItsFix() {
        joinEveryRoom();
        world.authentik().denyPermission("events_events_list");
        world.homeserver().enableEncryption(world.lobbyRoom(), DemoWorld.ADMIN);
        world.homeserver().leave(world.adminsRoom(), DemoWorld.BOT);

        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "check", "--config", config.toString());

        assertThat(out.toString()).contains(
                "FAIL  the token may view events",
                "fix: give the bot's role the permission \"Can view Event\"",
                "FAIL  the bot is not in room " + world.adminsRoom(),
                "fix: invite " + DemoWorld.BOT,
                "FAIL  the bot is in room " + world.lobbyRoom() + " and can read it: the room is end-to-end encrypted",
                "PASS  the token may view groups",
                "3 of ");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void anUnreachableAuthentikIsOneLineWithTheUrl() {
        joinEveryRoom();
        world.authentik().setReachable(false);

        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "check", "--config", config.toString());

        assertThat(out.toString()).contains("FAIL  Authentik at " + world.authentik().baseUrl() + " is not reachable",
                "fix: check authentik.url").doesNotContain("the token may");
        assertThat(exit).isEqualTo(1);
        world.authentik().setReachable(true);
    }

    private void joinEveryRoom() {
        for (String room : new String[] {world.adminsRoom(), world.lobbyRoom(), world.onboardingRoom()}) {
            world.homeserver().join(room, DemoWorld.BOT);
        }
    }
}
