package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.InvitationRequests;
import org.invitebot.core.invite.InvitationService;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.FakeAuthentik;

/**
 * Random and hostile text through the parser and the whole command path: nothing escapes as an
 * exception, and nothing reaches Authentik's create unless the outcome says an invitation was made.
 * The text is drawn from a seed printed at the start, so a failure can be replayed.
 */
class HostileInputTest {

    private static final long SEED = new Random().nextLong();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String HOSTILE_CHARS = "!\"'\\ \n\r\t<>&@#:.-_‮‏\u200b\u0000\u001bé😀";

    private static final String TOKEN = "hostile-input-test-token";
    private static FakeAuthentik authentik;
    private static StateStore store;
    private static CommandHandler handler;
    private static final CommandParser PARSER = new CommandParser("!");
    private static int commandNumber;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("hostile input seed " + SEED);
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addGroup("authentik Admins");
        authentik.addGroup("media-users");
        authentik.addUser("invitebot", "invitebot", "invitebot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        authentik.addUser("admin", "Admin", "admin@example.org", true, "authentik Admins");
        InvitebotConfig config = ConfigLoader.parse(String.join("\n",
                "authentik:",
                "  url: " + authentik.baseUrl(),
                "  token: " + TOKEN,
                "matrix:",
                "  homeserver: http://127.0.0.1:9",
                "  user_id: \"@invitebot:example.org\"",
                "  access_token: unused",
                "  rooms:",
                "    - id: \"!admins:example.org\"",
                ""), Path.of("."), Map.of());
        AuthentikClient client = new AuthentikClient(config.authentik(), new OkHttpClient());
        store = StateStore.open(Files.createTempDirectory("hostile").resolve("state.db"), Clock.systemUTC());
        Authorizer authorizer = new Authorizer(config.authentik(), config.matrix().trustedServers(), client);
        InvitationPolicy policy = new InvitationPolicy(config.invitations(), config.authentik().invitableGroups(), false);
        InvitationService invitations = new InvitationService(client, store, Clock.systemUTC());
        handler = new CommandHandler(authorizer, policy, invitations,
                new InvitationRequests(config.requests(), authorizer, policy, invitations, store, Clock.systemUTC()),
                store, RetryWindow.standard(), delivery -> {
                    throw new AssertionError("Signal is not enabled here");
                }, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        store.close();
        authentik.close();
    }

    @ParameterizedTest(name = "text {index}")
    @MethodSource("hostileText")
    void anyTextParsesWithoutThrowing(String text) {
        assertThat(PARSER.parse(text)).isNotNull();
        assertThat(PARSER.parse("!invite " + text)).isNotNull();
    }

    @ParameterizedTest(name = "command {index}")
    @MethodSource("hostileInvite")
    void theWholePathNeverThrowsAndCreatesOnlyWhenItSaysSo(String message) {
        long createsBefore = authentik.countRequests("POST", "/api/v3/stages/invitation/invitations/");
        int requestsBefore = authentik.requests().size();
        int invitationsBefore = authentik.invitations().size();

        ParseResult parsed = PARSER.parse(message);
        Outcome outcome = parsed instanceof ParseResult.Parsed command
                ? handler.handle("$hostile" + (++commandNumber), new Principal.MatrixUser("@admin:example.org"),
                        command.command(), (fault, retryingFor) -> { })
                : null;

        long creates = authentik.countRequests("POST", "/api/v3/stages/invitation/invitations/") - createsBefore;
        if (!(parsed instanceof ParseResult.Parsed)) {
            assertThat(authentik.requests()).as("no Authentik call at all for %s", message).hasSize(requestsBefore);
        }
        if (outcome instanceof Outcome.Created) {
            assertThat(creates).isEqualTo(1);
            assertThat(authentik.invitations()).hasSize(invitationsBefore + 1);
        } else {
            assertThat(creates).as("%s -> %s", message, outcome == null ? parsed : outcome).isZero();
        }
        if (outcome != null) {
            assertThat(outcome).as(message).isNotInstanceOf(Outcome.Failed.class);
        }
    }

    static Stream<String> hostileText() {
        Random random = new Random(SEED);
        List<Function<Random, String>> kinds = List.of(
                r -> anyChars(r, r.nextInt(301)),
                r -> fromChars(r, HOSTILE_CHARS, r.nextInt(81)),
                r -> fromChars(r, LETTERS, 2000 + r.nextInt(3001)),
                r -> oneOf(r, "<script>alert(1)</script>", "@room", "!invite @room", "\"\"", "\"", "--", "--multi --multi",
                        "‮moc.elpmaxe@enaj", "<b>Jane</b>@example.com"));
        return IntStream.range(0, 300).mapToObj(i -> kinds.get(random.nextInt(kinds.size())).apply(random));
    }

    static Stream<String> hostileInvite() {
        Random random = new Random(SEED + 1);
        List<Function<Random, String>> invitees = List.of(
                r -> "\"" + fromChars(r, LETTERS, 1 + r.nextInt(300)) + " Smith\"",
                r -> "\"" + fromChars(r, "abc<>&@\"' ‏‮", 1 + r.nextInt(60)) + "\"",
                r -> fromChars(r, LETTERS + "0123456789", 1 + r.nextInt(64)) + "@example.com",
                r -> oneOf(r, "<img src=x>@example.com", "@room", "jane@", "@example.com", "jane@example..com"));
        return IntStream.range(0, 200).mapToObj(i -> "!invite " + invitees.get(random.nextInt(invitees.size())).apply(random)
                + " " + oneOf(random, "", "7d", "48h", "never", "5m", "90d", "abc", "2026-13-45", "-1d", "0s")
                + " " + oneOf(random, "", "media-users", "authentik Admins", "--multi", "--link", "--bogus", "<b>x</b>", "@room",
                        "--name-of \"Jane\""));
    }

    /** Any UTF-16 units, lone surrogates and control characters included. */
    private static String anyChars(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }

    private static String fromChars(Random random, String chars, int length) {
        int[] points = chars.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return text.toString();
    }

    private static String oneOf(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
