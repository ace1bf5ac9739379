package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.matrix.FakeHomeserver;

/** {@code invitebot run --config FILE} when something is wrong: one clear line, a non-zero exit, no secret shown. */
class RunCommandTest {

    private static final String AUTHENTIK_TOKEN = "ak-token-that-must-never-show-up";
    private static final String BOT = "@invitebot:example.org";

    @TempDir
    Path dir;
    private FakeAuthentik authentik;
    private FakeHomeserver homeserver;
    private String matrixToken;
    private String room;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addGroup("authentik Admins");
        authentik.addUser("invitebot", "invitebot", "invitebot@example.org", true);
        authentik.addToken(AUTHENTIK_TOKEN, "invitebot");
        homeserver = FakeHomeserver.start("example.org");
        matrixToken = homeserver.registerUser(BOT);
        homeserver.registerUser("@admin:example.org");
        room = homeserver.createRoom("@admin:example.org", "admins", false);
        homeserver.invite(room, "@admin:example.org", BOT);
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stop() {
        root().detachAppender(logs);
        homeserver.close();
        authentik.close();
    }

    @Test
    void wrongAuthentikTokenIsOneLineAndExitCodeOne() throws Exception {
        Path config = config("wrong-" + AUTHENTIK_TOKEN, matrixToken, "invitation-enrollment");

        int exit = run(config);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains("authentik.token", "token is invalid");
        assertNoSecretShown();
    }

    @Test
    void missingFlowIsNamed() throws Exception {
        int exit = run(config(AUTHENTIK_TOKEN, matrixToken, "no-such-flow"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-flow");
        assertNoSecretShown();
    }

    @Test
    void wrongMatrixTokenIsOneLineAndExitCodeOne() throws Exception {
        int exit = run(config(AUTHENTIK_TOKEN, "syt_wrong_" + matrixToken, "invitation-enrollment"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains("matrix.access_token");
        assertNoSecretShown();
    }

    @Test
    void unreachableAuthentikIsNamed() throws Exception {
        Path config = config(AUTHENTIK_TOKEN, matrixToken, "invitation-enrollment");
        authentik.close();

        int exit = run(config);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Authentik", "127.0.0.1");
        assertNoSecretShown();
    }

    @Test
    void aStateFileThatIsNotADatabaseIsNamed() throws Exception {
        Files.writeString(dir.resolve("invitebot.db"), "not a database ".repeat(200));

        int exit = run(config(AUTHENTIK_TOKEN, matrixToken, "invitation-enrollment"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains(dir.resolve("invitebot.db").toString(), "state.path");
        assertNoSecretShown();
    }

    @Test
    void badConfigListsEveryProblemWithItsKeyAndExitCodeTwo() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, String.join("\n",
                "authentik:",
                "  url: " + authentik.baseUrl(),
                "  token: ${INVITEBOT_TEST_UNSET_VARIABLE}",
                "  enrollment_flow: invitation-enrollment",
                "matrix:",
                "  homeserver: " + homeserver.baseUrl(),
                "  user_id: \"" + BOT + "\"",
                "  access_token: x",
                "  rooms:",
                "    - id: admins",
                "  colour: blue",
                ""));

        int exit = run(config);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("INVITEBOT_TEST_UNSET_VARIABLE", "matrix.rooms[0].id", "matrix.colour");
    }

    private int run(Path config) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", "--config", config.toString());
    }

    private void assertNoSecretShown() {
        List<String> everything = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(err.toString() + out + everything).doesNotContain(AUTHENTIK_TOKEN, matrixToken);
    }

    private Path config(String authentikToken, String accessToken, String flow) throws Exception {
        Path config = dir.resolve("invitebot.yaml");
        Files.writeString(config, String.join("\n",
                "authentik:",
                "  url: " + authentik.baseUrl(),
                "  token: " + authentikToken,
                "  enrollment_flow: " + flow,
                "matrix:",
                "  homeserver: " + homeserver.baseUrl(),
                "  user_id: \"" + BOT + "\"",
                "  access_token: " + accessToken,
                "  rooms:",
                "    - id: \"" + room + "\"",
                "state:",
                "  path: " + dir.resolve("invitebot.db"),
                ""));
        return config;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
