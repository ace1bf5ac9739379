package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.InvitebotApp;
import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.config.ConfigLoader;

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

        int exit = check();

        assertThat(out.toString()).contains(
                "PASS  Authentik at " + world.authentik().baseUrl() + " answers; the token belongs to invitebot",
                "PASS  the token may view events",
                "PASS  enrollment flow \"invitation-enrollment\" exists and has an invitation stage",
                "PASS  group \"media-users\" exists",
                "PASS  Matrix whoami is " + DemoWorld.BOT,
                "PASS  the bot is in room " + world.adminsRoom() + " and can read it",
                "PASS  signal-cli-rest-api 0.100 answers in mode json-rpc",
                "PASS  signal.number is registered with signal-cli-rest-api",
                "PASS  end-to-end encryption: no identity yet; the first start creates one for device")
                .doesNotContain("FAIL", "demo-authentik-token-not-a-secret", DemoWorld.BOT_PHONE)
                .containsPattern("all \\d+ checks passed");
        assertThat(exit).isZero();
    }

    @Test
    void eachProblemIsNamedWithItsFix() throws Exception {
        joinEveryRoom();
        Files.writeString(config, world.configYaml().replace("  encryption:\n", "  encryption:\n    enabled: false\n"));
        world.authentik().denyPermission("events_events_list");
        world.homeserver().enableEncryption(world.lobbyRoom(), DemoWorld.ADMIN);
        world.homeserver().leave(world.adminsRoom(), DemoWorld.BOT);
        String community = world.homeserver().createRoom(DemoWorld.ADMIN, "community", false);
        Files.writeString(config, Files.readString(config).replace("requestable_groups: [media-users]",
                "requestable_groups: [media-users]\n  rooms: [\"" + community + "\"]\n  requester_groups: [members]")
                .replaceFirst("  rooms: \\[\"![^\"]+\"\\]\n", ""));

        int exit = check();

        assertThat(out.toString()).contains(
                "FAIL  the token may view events",
                "fix: give the bot's role the permission \"Can view Event\"",
                "FAIL  the bot is not in room " + world.adminsRoom(),
                "fix: invite " + DemoWorld.BOT,
                "FAIL  the bot is in room " + world.lobbyRoom() + " and can read it: the room is end-to-end encrypted,"
                        + " and matrix.encryption.enabled is false",
                "PASS  the token may view groups",
                "FAIL  the bot is not in room " + community,
                "FAIL  group \"members\" exists: Authentik has no group of that name",
                "5 of ");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void aWrongTokenFailsAuthentikWithItsFix() throws Exception {
        joinEveryRoom();
        Files.writeString(config, world.configYaml().replace("token: demo-authentik-token-not-a-secret", "token: wrong-token-123"));

        int exit = check();

        assertThat(out.toString()).contains("FAIL  Authentik refused authentik.token",
                "fix: create an API token (intent: api) for the bot's service account").doesNotContain("wrong-token-123");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void aMissingGroupAndAMissingFlowFailWithTheirFixes() throws Exception {
        joinEveryRoom();
        Files.writeString(config, world.configYaml()
                .replace("enrollment_flow: invitation-enrollment", "enrollment_flow: no-such-flow")
                .replace("admin_groups: [authentik Admins, media-admins]", "admin_groups: [authentik Admins, media-admins, ghost-admins]"));

        int exit = check();

        assertThat(out.toString()).contains(
                "FAIL  enrollment flow \"no-such-flow\" exists and has an invitation stage",
                "fix: create the flow with an invitation stage first (config/authentik-blueprint.yaml)",
                "FAIL  group \"ghost-admins\" exists: Authentik has no group of that name",
                "fix: create it in Authentik, or remove it from authentik.admin_groups",
                "PASS  group \"media-admins\" exists",
                "2 of ");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void aFlowWithoutAnInvitationStageFails() throws Exception {
        joinEveryRoom();
        world.authentik().addFlow("plain-enrollment", "enrollment", List.of("authentik_stages_prompt.promptstage"));
        Files.writeString(config, world.configYaml().replace("enrollment_flow: invitation-enrollment",
                "enrollment_flow: plain-enrollment"));

        int exit = check();

        assertThat(out.toString()).contains("FAIL  enrollment flow \"plain-enrollment\" exists and has an invitation stage:"
                + " its stages are authentik_stages_prompt.promptstage");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void anUnreachableAuthentikIsOneLineWithTheUrl() {
        joinEveryRoom();
        world.authentik().setReachable(false);

        int exit = check();

        assertThat(out.toString()).contains("FAIL  Authentik at " + world.authentik().baseUrl() + " is not reachable",
                "fix: check authentik.url").doesNotContain("the token may");
        assertThat(exit).isEqualTo(1);
        world.authentik().setReachable(true);
    }

    @Test
    void crossSigningIsReportedAndKeysReplacedBehindTheBotsBackComeBackWithThePassword() throws Exception {
        joinEveryRoom();
        try (InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            assertThat(app.httpPort()).isPositive();
        }
        assertThat(check()).isZero();
        assertThat(out.toString()).contains("PASS  cross-signing: device ", " is signed by the bot's own cross-signing keys");

        world.homeserver().setPassword(DemoWorld.BOT, "bot-account-password");
        new DemoDevice(world.homeserver().baseUrl(), DemoWorld.BOT, "ELSEWHERE", world.homeserver().addDevice(DemoWorld.BOT, "ELSEWHERE"))
                .uploadKeys().resetCrossSigning("bot-account-password");
        out.getBuffer().setLength(0);
        assertThat(check()).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  cross-signing: the homeserver holds other cross-signing keys for " + DemoWorld.BOT
                + " than the state file", "fix: set matrix.password (or password_file) for one start");

        String withPassword = world.configYaml().replace("  encryption:\n", "  password: bot-account-password\n  encryption:\n");
        try (InvitebotApp app = InvitebotApp.start(ConfigLoader.parse(withPassword, Path.of("."), Map.of()), Clock.systemUTC())) {
            assertThat(app.httpPort()).isPositive();
        }
        out.getBuffer().setLength(0);
        assertThat(check()).isZero();
        assertThat(out.toString()).contains("PASS  cross-signing: device ").doesNotContain("bot-account-password");
    }

    private int check() {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "check", "--config",
                config.toString());
    }

    private void joinEveryRoom() {
        for (String room : new String[] {world.adminsRoom(), world.lobbyRoom(), world.onboardingRoom()}) {
            world.homeserver().join(room, DemoWorld.BOT);
        }
    }
}
