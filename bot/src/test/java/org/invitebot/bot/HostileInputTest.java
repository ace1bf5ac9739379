package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import okhttp3.OkHttpClient;

import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.InvitationService;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.FakeAuthentik;

/**
 * Random and hostile text through the parser and the whole command path: nothing escapes as an
 * exception, and nothing reaches Authentik's create unless the outcome says an invitation was made.
 */
class HostileInputTest {

    private static final String TOKEN = "hostile-input-test-token";
    private static FakeAuthentik authentik;
    private static StateStore store;
    private static CommandHandler handler;
    private static final CommandParser PARSER = new CommandParser("!");
    private static int commandNumber;

    @BeforeContainer
    static void start() throws Exception {
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
        handler = new CommandHandler(authorizer,
                new InvitationPolicy(config.invitations(), config.authentik().invitableGroups(), false),
                new InvitationService(client, store, Clock.systemUTC()), store, RetryWindow.standard(), delivery -> {
                    throw new AssertionError("Signal is not enabled here");
                }, Clock.systemUTC());
    }

    @AfterContainer
    static void stop() {
        store.close();
        authentik.close();
    }

    @Property(tries = 300)
    void anyTextParsesWithoutThrowing(@ForAll("hostileText") String text) {
        assertThat(PARSER.parse(text)).isNotNull();
        assertThat(PARSER.parse("!invite " + text)).isNotNull();
    }

    @Property(tries = 200)
    void theWholePathNeverThrowsAndCreatesOnlyWhenItSaysSo(@ForAll("hostileInvite") String message) {
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

    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("!\"'\\ \n\r\t<>&@#:.-_‮‏\u200b\u0000\u001bé😀").ofMaxLength(80),
                Arbitraries.strings().alpha().ofMinLength(2000).ofMaxLength(5000),
                Arbitraries.of("<script>alert(1)</script>", "@room", "!invite @room", "\"\"", "\"", "--", "--multi --multi",
                        "‮moc.elpmaxe@enaj", "<b>Jane</b>@example.com"));
    }

    @Provide
    Arbitrary<String> hostileInvite() {
        Arbitrary<String> invitee = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(300).map(name -> "\"" + name + " Smith\""),
                Arbitraries.strings().withChars("abc<>&@\"' ‏‮").ofMinLength(1).ofMaxLength(60).map(name -> "\"" + name + "\""),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64).map(local -> local + "@example.com"),
                Arbitraries.of("<img src=x>@example.com", "@room", "jane@", "@example.com", "jane@example..com"));
        Arbitrary<String> expiry = Arbitraries.of("", "7d", "48h", "never", "5m", "90d", "abc", "2026-13-45", "-1d", "0s");
        Arbitrary<String> extra = Arbitraries.of("", "media-users", "authentik Admins", "--multi", "--link", "--bogus",
                "<b>x</b>", "@room", "--name-of \"Jane\"");
        return Combinators.combine(invitee, expiry, extra).as((who, when, what) -> "!invite " + who + " " + when + " " + what);
    }
}
