package org.invitebot.bot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.invitebot.core.command.Approve;
import org.invitebot.core.command.Command;
import org.invitebot.core.command.Deny;
import org.invitebot.core.command.Groups;
import org.invitebot.core.command.Help;
import org.invitebot.core.command.Invite;
import org.invitebot.core.command.ListInvitations;
import org.invitebot.core.command.ListRequests;
import org.invitebot.core.command.Reissue;
import org.invitebot.core.command.Request;
import org.invitebot.core.command.Revoke;
import org.invitebot.core.command.WhoAmI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser("!");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("messages")
    void readsEachMessageAsTheCommandTheSenderMeant(String message, ParseResult expected) {
        assertThat(parser.parse(message)).isEqualTo(expected);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                // email invitee
                row("!invite jane@example.com", email("jane@example.com")),
                row("!invite jane@example.com 7d media-users", email("jane@example.com").expiry("7d").groups("media-users")),
                row("!invite jane@example.com 7d media-users ai-users", email("jane@example.com").expiry("7d").groups("media-users", "ai-users")),
                row("!invite Jane.Doe@Example.COM", email("Jane.Doe@example.com")),
                row("!invite mailto:jane@example.com", email("jane@example.com")),
                row("!invite MAILTO:jane@example.com 2w", email("jane@example.com").expiry("2w")),
                row("!invite o'brien@example.ie", email("o'brien@example.ie")),
                row("!invite jane+test@mail.example.co.uk", email("jane+test@mail.example.co.uk")),
                row("!invite \"jane@example.com\"", email("jane@example.com")),
                row("!invite zoë@bücher.DE", email("zoë@bücher.de")),
                // quoted display names, unicode, typographic quotes
                row("!invite \"Jane Smith\"", name("Jane Smith")),
                row("!invite \"Jane Smith\" 48h ai-users cloud-users", name("Jane Smith").expiry("48h").groups("ai-users", "cloud-users")),
                row("!invite \"Zoë Ångström\" 7d", name("Zoë Ångström").expiry("7d")),
                row("!invite \"Zoe\u0308 A\u030Angstro\u0308m\"", name("Zoë Ångström")),
                row("!invite \"李小龍\" media-users", name("李小龍").groups("media-users")),
                row("!invite \"محمد علي\" 48h", name("محمد علي").expiry("48h")),
                row("!invite \"שרה כהן\"", name("שרה כהן")),
                row("!invite “Jane Smith” 7d", name("Jane Smith").expiry("7d")),
                row("!invite „Jürgen Müller“ 7d", name("Jürgen Müller").expiry("7d")),
                row("!invite ”Sven Svensson” 7d", name("Sven Svensson").expiry("7d")),
                row("!invite \"Jane Smith” 7d", name("Jane Smith").expiry("7d")),
                row("!invite 'Jane Smith' 7d", name("Jane Smith").expiry("7d")),
                row("!invite ‘Jane Smith’ 7d", name("Jane Smith").expiry("7d")),
                row("!invite 'Jane O'Brien' 7d", name("Jane O'Brien").expiry("7d")),
                row("!invite \"Jane O'Brien\"", name("Jane O'Brien")),
                row("!invite «Jeanne Dupont» 7d", name("Jeanne Dupont").expiry("7d")),
                row("!invite \"Jane \\\"JJ\\\" Smith\"", name("Jane \"JJ\" Smith")),
                row("!invite \"back\\\\slash\"", name("back\\slash")),
                row("!invite \"  Jane   Smith \"", name("Jane Smith")),
                row("!invite \"Jane\u00A0Smith\"", name("Jane Smith")),
                row("!invite \"Single\"", name("Single")),
                row("!invite \"--link\"", name("--link")),
                // spacing
                row("!invite    jane@example.com \t 7d\t\tmedia-users  ", email("jane@example.com").expiry("7d").groups("media-users")),
                row("!invite\u00A0jane@example.com\u00A07d", email("jane@example.com").expiry("7d")),
                row("!invite\u3000\"李小龍\"\u3000media-users", name("李小龍").groups("media-users")),
                row("   !invite jane@example.com", email("jane@example.com")),
                row("!invite jane@example.com\n7d\nmedia-users", email("jane@example.com").expiry("7d").groups("media-users")),
                row("!invite jane@example.com\r\n7d", email("jane@example.com").expiry("7d")),
                row("!invite\njane@example.com", email("jane@example.com")),
                // expiry forms: all parse, the policy judges them
                row("!invite jane@example.com 30m", email("jane@example.com").expiry("30m")),
                row("!invite jane@example.com 5m", email("jane@example.com").expiry("5m")),
                row("!invite jane@example.com 90d", email("jane@example.com").expiry("90d")),
                row("!invite jane@example.com 2026-12-01", email("jane@example.com").expiry("2026-12-01")),
                row("!invite jane@example.com 2026-12-01T18:00Z", email("jane@example.com").expiry("2026-12-01T18:00Z")),
                row("!invite jane@example.com never", email("jane@example.com").expiry("never")),
                row("!invite jane@example.com FOREVER", email("jane@example.com").expiry("FOREVER")),
                row("!invite jane@example.com none media-users", email("jane@example.com").expiry("none").groups("media-users")),
                row("!invite jane@example.com infinite", email("jane@example.com").expiry("infinite")),
                row("!invite jane@example.com abc", email("jane@example.com").groups("abc")),
                row("!invite jane@example.com media-users 7d", email("jane@example.com").expiry("7d").groups("media-users")),
                row("!invite jane@example.com \"4k-users\"", email("jane@example.com").groups("4k-users")),
                row("!invite jane@example.com Media-Users", email("jane@example.com").groups("Media-Users")),
                // flags in every position
                row("!invite jane@example.com --link", email("jane@example.com").link()),
                row("!invite --link jane@example.com 7d", email("jane@example.com").expiry("7d").link()),
                row("!invite jane@example.com --link 7d media-users", email("jane@example.com").expiry("7d").groups("media-users").link()),
                row("!invite jane@example.com 7d --link media-users", email("jane@example.com").expiry("7d").groups("media-users").link()),
                row("!invite \"Team Night\" --multi 24h", name("Team Night").expiry("24h").multi()),
                row("!invite \"Team Night\" 24h --multi", name("Team Night").expiry("24h").multi()),
                row("!invite --multi --link jane@example.com 24h", email("jane@example.com").expiry("24h").link().multi()),
                row("!invite jane@example.com --name-of \"Jane Smith\" 7d", email("jane@example.com").named("Jane Smith").expiry("7d")),
                row("!invite --name-of \"Jane Smith\" jane@example.com", email("jane@example.com").named("Jane Smith")),
                row("!invite jane@example.com 7d media-users --name-of=Jane", email("jane@example.com").named("Jane").expiry("7d").groups("media-users")),
                row("!invite jane@example.com --name-of=\"Jane Smith\"", email("jane@example.com").named("Jane Smith")),
                row("!invite jane@example.com --name-of=“Zoë Ångström”", email("jane@example.com").named("Zoë Ångström")),
                row("!invite jane@example.com --name-of Jane", email("jane@example.com").named("Jane")),
                row("!invite \"Jane Smith\" --signal +15551234567", name("Jane Smith").signal("+15551234567")),
                row("!invite --signal=+15551234567 \"Jane Smith\" 48h", name("Jane Smith").expiry("48h").signal("+15551234567")),
                row("!invite jane@example.com --signal \"+1 555 123 4567\"", email("jane@example.com").signal("+1 555 123 4567")),
                row("!invite jane@example.com —link", email("jane@example.com").link()),
                row("!invite “Jane Smith” –multi 24h", name("Jane Smith").expiry("24h").multi()),
                // case-insensitive command names
                row("!INVITE jane@example.com", email("jane@example.com")),
                row("!Invite \"Jane Smith\"", name("Jane Smith")),
                row("!HeLp", help(null)),
                // help
                row("!help", help(null)),
                row("!help invite", help("invite")),
                row("!help !invite", help("invite")),
                row("!help INVITE", help("invite")),
                row("!help revoke", help("revoke")),
                row("!help invite extra", malformed("!help takes at most one command name, like !help invite")),
                row("!help --all", malformed("unknown flag --all; !help takes no flags")),
                // reply fallback
                row("> <@alice:example.org> can you invite jane?\n\n!invite jane@example.com 7d", email("jane@example.com").expiry("7d")),
                row("> <@alice:example.org> two lines\n> second line\n>\n> fourth\n\n!invite \"Jane Smith\"", name("Jane Smith")),
                row("> <@alice:example.org> !invite bob@example.com\n\nthanks, done", notACommand()),
                row("> quoted without the empty line\n!invite jane@example.com", notACommand()),
                // not a command
                row("hello", notACommand()),
                row("", notACommand()),
                row("   ", notACommand()),
                row("!", notACommand()),
                row("! invite jane@example.com", notACommand()),
                row("!!", notACommand()),
                row("!!invite jane@example.com", notACommand()),
                row("!7d", notACommand()),
                row("please !invite jane@example.com", notACommand()),
                row("\u202E!invite jane@example.com", notACommand()),
                row(null, notACommand()),
                // unknown commands
                row("!foo", malformed("unknown command \"!foo\"; try !help")),
                row("!Foo bar baz", malformed("unknown command \"!Foo\"; try !help")),
                // the other commands: plain words, no flags
                row("!invites", parsed(new ListInvitations(Optional.empty()))),
                row("!INVITES jane", parsed(new ListInvitations(Optional.of("jane")))),
                row("!invites \"Jane Smith\"", parsed(new ListInvitations(Optional.of("Jane Smith")))),
                row("!invites jane smith", malformed("usage: !invites [text]")),
                row("!invites --all", malformed("unknown flag --all; !invites takes no flags")),
                row("!revoke jane-smith-2026-11", parsed(new Revoke("jane-smith-2026-11"))),
                row("  !revoke   3f2a9c1d  ", parsed(new Revoke("3f2a9c1d"))),
                row("!revoke", malformed("usage: !revoke <name | pk prefix>")),
                row("!revoke a b", malformed("usage: !revoke <name | pk prefix>")),
                row("!reissue jane-smith-2026-11", parsed(new Reissue("jane-smith-2026-11", Optional.empty()))),
                row("!reissue jane-smith-2026-11 24h", parsed(new Reissue("jane-smith-2026-11", Optional.of("24h")))),
                row("!reissue", malformed("usage: !reissue <name | pk prefix> [expiry]")),
                row("!reissue a 24h extra", malformed("usage: !reissue <name | pk prefix> [expiry]")),
                row("!groups", parsed(new Groups())),
                row("!groups media", malformed("!groups takes no arguments")),
                row("!whoami", parsed(new WhoAmI())),
                row("!WhoAmI", parsed(new WhoAmI())),
                row("!whoami please", malformed("!whoami takes no arguments")),
                row("!foo \"unterminated", malformed("unknown command \"!foo\"; try !help")),
                // invitation requests and decisions
                row("!request jane@example.com", parsed(new Request(Optional.of("jane@example.com"), Optional.empty(), List.of(),
                        Optional.empty()))),
                row("!request \"Jane Smith\" media-users --reason \"my sister\"", parsed(new Request(Optional.empty(),
                        Optional.of("Jane Smith"), List.of("media-users"), Optional.of("my sister")))),
                row("!request jane@example.com --reason=\" \"", malformed("--reason needs a few words in quotes, like --reason \"my sister\"")),
                row("!request", malformed("usage: !request <email | \"Display Name\"> [group ...] [--reason \"why\"]")),
                row("!request jane", malformed("expected an email address or a \"Quoted Name\" after !request, got jane")),
                row("!request jane@example.com 7d", malformed("!request takes no expiry (7d); the admin who approves it decides")),
                row("!request jane@example.com --link", malformed("unknown flag --link; expected one of --reason")),
                row("!request jane@example.com --reason", malformed("--reason needs a few words in quotes, like --reason \"my sister\"")),
                row("!requests", parsed(new ListRequests())),
                row("!requests all", malformed("!requests takes no arguments")),
                row("!approve 12", parsed(new Approve(12))),
                row("!approve #12", parsed(new Approve(12))),
                row("!approve", malformed("usage: !approve <number>")),
                row("!approve 12 13", malformed("usage: !approve <number>")),
                row("!approve jane", malformed("!approve needs the request's number, like !approve 12")),
                row("!deny 3", parsed(new Deny(3, Optional.empty()))),
                row("!deny 3 we have not met", parsed(new Deny(3, Optional.of("we have not met")))),
                row("!deny 3 \"not now\"", parsed(new Deny(3, Optional.of("not now")))),
                row("!deny", malformed("usage: !deny <number> [reason]")),
                // malformed invitee
                row("!invite", malformed("usage: !invite <email | \"Display Name\"> [expiry] [group ...]")),
                row("!invite   ", malformed("usage: !invite <email | \"Display Name\"> [expiry] [group ...]")),
                row("!invite --link", malformed("usage: !invite <email | \"Display Name\"> [expiry] [group ...]")),
                row("!invite jane", malformed("expected an email address or a \"Quoted Name\" after !invite, got jane")),
                row("!invite Jane Smith 7d", malformed("expected an email address or a \"Quoted Name\" after !invite, got Jane")),
                row("!invite 7d jane@example.com", malformed("expected an email address or a \"Quoted Name\" after !invite, got 7d")),
                row("!invite jane@example", malformed("\"jane@example\" is not a valid email address: the domain needs a dot, like example.com")),
                row("!invite jane@example.com, 7d", malformed("\"jane@example.com,\" is not a valid email address: the domain may only contain letters, digits, dots and hyphens")),
                row("!invite jane@example.com.", malformed("\"jane@example.com.\" is not a valid email address: the domain has an empty part between dots")),
                row("!invite <jane@example.com>", malformed("\"<jane@example.com>\" is not a valid email address: it contains \"<\"")),
                row("!invite jane@@example.com", malformed("\"jane@@example.com\" is not a valid email address: it has more than one @")),
                row("!invite @jane:example.org", malformed("\"@jane:example.org\" is not a valid email address: there is nothing before the @")),
                row("!invite jane@", malformed("\"jane@\" is not a valid email address: there is nothing after the @")),
                row("!invite mailto:jane", malformed("\"mailto:jane\" is not a valid email address: it has no @")),
                row("!invite \"jane @example.com\"", malformed("\"jane @example.com\" is not a valid email address: it contains a space")),
                row("!invite jane\u200D@example.com", malformed("\"jane\u200D@example.com\" is not a valid email address: it contains invisible characters")),
                row("!invite \"\" 7d", malformed("empty quotes \"\"; put a name or a value between them")),
                // quotes
                row("!invite \"Jane Smith 7d", malformed("missing closing quote after \"Jane")),
                row("!invite “Jane Smith 7d", malformed("missing closing quote after “Jane")),
                row("!invite \"Jane\nSmith\"", malformed("missing closing quote after \"Jane")),
                row("!invite \"Jane Smith\\\"", malformed("missing closing quote after \"Jane")),
                row("!invite \"", malformed("missing closing quote after \"")),
                row("!invite \"Jane Smith\"7d", malformed("missing closing quote after \"Jane")),
                row("!invite jane@example.com --name-of=\"Jane", malformed("missing closing quote after \"Jane")),
                // flags
                row("!invite jane@example.com --foo", malformed("unknown flag --foo; expected one of --link, --multi, --name-of, --signal")),
                row("!invite jane@example.com --foo=bar", malformed("unknown flag --foo; expected one of --link, --multi, --name-of, --signal")),
                row("!invite jane@example.com --LINK", malformed("unknown flag --LINK; expected one of --link, --multi, --name-of, --signal")),
                row("!invite jane@example.com --", malformed("unknown flag --; expected one of --link, --multi, --name-of, --signal")),
                row("!invite jane@example.com -l", malformed("unknown flag -l; expected one of --link, --multi, --name-of, --signal")),
                row("!invite jane@example.com -", malformed("unknown flag -; expected one of --link, --multi, --name-of, --signal")),
                row("!invite \"Jane\" --signal", malformed("--signal needs a phone number like +15551234567")),
                row("!invite \"Jane\" --signal --link", malformed("--signal needs a phone number like +15551234567")),
                row("!invite \"Jane\" --signal=", malformed("--signal needs a phone number like +15551234567")),
                row("!invite \"Jane\" --signal media-users", malformed("--signal needs a phone number like +15551234567, got media-users")),
                row("!invite jane@example.com --name-of", malformed("--name-of needs a name like \"Jane Smith\"")),
                row("!invite jane@example.com --name-of=", malformed("--name-of needs a name like \"Jane Smith\"")),
                row("!invite jane@example.com --link --link", malformed("--link given twice; give it once")),
                row("!invite \"Jane\" --signal +15551234567 --signal +15557654321", malformed("--signal given twice; give it once")),
                row("!invite jane@example.com --link=yes", malformed("--link takes no value, got --link=yes")),
                row("!invite \"Jane Smith\" --name-of \"J. Smith\"", malformed("two names given: \"Jane Smith\" and --name-of \"J. Smith\"; --name-of is for naming the person behind an email address")),
                // expiry twice
                row("!invite jane@example.com 7d 48h", malformed("two expiries given: 7d and 48h; give one, like 7d")),
                row("!invite jane@example.com 7d media-users never", malformed("two expiries given: 7d and never; give one, like 7d")),
                // hostile input
                row("!invite jane@exam\u202Eple.com", malformed("the command contains invisible control characters (U+202E); type it again without them")),
                row("!invite \"Jane\u2066 Smith\"", malformed("the command contains invisible control characters (U+2066); type it again without them")),
                row("!invite jane@example.com\u200F", malformed("the command contains invisible control characters (U+200F); type it again without them")),
                row("!invite jane@example.com\u0000", malformed("the command contains invisible control characters (U+0000); type it again without them")),
                row("!invite jane@example.com\u001B[31m", malformed("the command contains invisible control characters (U+001B); type it again without them")),
                row("!invite jane@example.com\u0085", malformed("the command contains invisible control characters (U+0085); type it again without them")),
                row("!invite \"\u3164\" 7d", malformed("the command contains invisible control characters (U+3164); type it again without them")),
                row("!invite \"Jane\uD800\"", malformed("the command contains invisible control characters (U+D800); type it again without them")),
                row("!invite jane@example.com " + "x".repeat(2000 - 25), email("jane@example.com").groups("x".repeat(2000 - 25))),
                row("!invite jane@example.com " + "x".repeat(2001 - 25), malformed("message too long (2001 characters); the limit is 2000")),
                row("!invite \"" + "李".repeat(1990) + "\"", name("李".repeat(1990))),
                row("!invite " + "😀".repeat(2000), malformed("message too long (2008 characters); the limit is 2000")),
                row("!invite jane@example.com " + "y".repeat(60), email("jane@example.com").groups("y".repeat(60))),
                row("!invite " + "z".repeat(60), malformed("expected an email address or a \"Quoted Name\" after !invite, got " + "z".repeat(39) + "…")));
    }

    @Test
    void theConfiguredPrefixStartsCommandsAndAppearsInMessages() {
        CommandParser custom = new CommandParser("bot:");

        assertThat(custom.parse("bot:invite jane@example.com")).isEqualTo(email("jane@example.com").build());
        assertThat(custom.parse("!invite jane@example.com")).isEqualTo(notACommand());
        assertThat(custom.parse("bot:help bot:invite")).isEqualTo(help("invite"));
        assertThat(custom.parse("bot:invite jane")).isEqualTo(malformed(
                "expected an email address or a \"Quoted Name\" after bot:invite, got jane"));
        assertThat(custom.parse("bot:nope")).isEqualTo(malformed("unknown command \"bot:nope\"; try bot:help"));
    }

    @Test
    void aPrefixThatWouldMatchEveryMessageOrNoneIsRefusedAtStartup() {
        assertThatThrownBy(() -> new CommandParser("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command prefix");
        assertThatThrownBy(() -> new CommandParser("! ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A fixed seed, so a failure names an input that can be replayed. */
    @Test
    void noMessageMakesTheParserThrowAndEveryErrorIsOneVisibleLine() {
        String[] pieces = {
            "!", "!invite", "!INVITE", "!help", "!foo", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00A0", "\u3000",
            "\"", "“", "”", "„", "'", "‘", "’", "«", "»", "\\", "\\\"", "=", "-", "--", "—", "–",
            "--link", "--multi", "--name-of", "--signal", "--name-of=", "--signal=", "--name-of=\"", "--foo",
            "jane@example.com", "@", "mailto:", "a@b", "@@", ".", "<", ">", "> ", ",",
            "7d", "48h", "never", "2026-12-01T18:00Z", "+15551234567", "media-users",
            "Zoë", "李小龍", "محمد", "😀", "e\u0301", "\u202E", "\u2066", "\u200F", "\u200D", "\u0000", "\u001B",
            "\u0085", "\u007F", "\uD800", "\uDC00", "\uFEFF", "\u2028",
        };
        Random random = new Random(20261201L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String message = randomMessage(random, pieces);
            ParseResult result = parseWithoutThrowing(message, failures);
            if (result instanceof ParseResult.Malformed malformed) {
                String error = malformed.error();
                if (error.isBlank() || error.contains("\n") || InvisibleCharacters.first(error).isPresent()) {
                    failures.add("bad error " + Arrays.toString(error.codePoints().toArray()) + " for "
                            + Arrays.toString(message.codePoints().toArray()));
                }
            }
            if (result == null) {
                failures.add("null for " + Arrays.toString(message.codePoints().toArray()));
            }
        }
        assertThat(failures).isEmpty();
    }

    private ParseResult parseWithoutThrowing(String message, List<String> failures) {
        ParseResult[] result = new ParseResult[1];
        assertThatCode(() -> result[0] = parser.parse(message))
                .as("input %s", Arrays.toString(message.codePoints().toArray()))
                .doesNotThrowAnyException();
        return result[0];
    }

    private static String randomMessage(Random random, String[] pieces) {
        StringBuilder message = new StringBuilder(random.nextInt(10) < 8 ? "!invite " : "");
        int count = random.nextInt(random.nextInt(10) == 0 ? 400 : 16);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(8) == 0) {
                message.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            } else {
                message.append(pieces[random.nextInt(pieces.length)]);
            }
        }
        return message.toString();
    }

    // ---- expectations

    private static Arguments row(String message, Object expected) {
        return Arguments.of(message, expected instanceof ExpectedInvite invite ? invite.build() : expected);
    }

    private static ParseResult notACommand() {
        return new ParseResult.NotACommand();
    }

    private static ParseResult parsed(Command command) {
        return new ParseResult.Parsed(command);
    }

    private static ParseResult malformed(String error) {
        return new ParseResult.Malformed(error);
    }

    private static ParseResult help(String topic) {
        return new ParseResult.Parsed(new Help(Optional.ofNullable(topic)));
    }

    private static ExpectedInvite email(String address) {
        return new ExpectedInvite(Optional.of(address), Optional.empty());
    }

    private static ExpectedInvite name(String displayName) {
        return new ExpectedInvite(Optional.empty(), Optional.of(displayName));
    }

    /** Builds the {@link Invite} a row expects, naming only what differs from a bare invitation. */
    private static final class ExpectedInvite {
        private final Optional<String> email;
        private Optional<String> displayName;
        private Optional<String> expiry = Optional.empty();
        private List<String> groups = List.of();
        private boolean link;
        private boolean multi;
        private Optional<String> signal = Optional.empty();

        ExpectedInvite(Optional<String> email, Optional<String> displayName) {
            this.email = email;
            this.displayName = displayName;
        }

        ExpectedInvite named(String name) {
            displayName = Optional.of(name);
            return this;
        }

        ExpectedInvite expiry(String typed) {
            expiry = Optional.of(typed);
            return this;
        }

        ExpectedInvite groups(String... typed) {
            groups = List.of(typed);
            return this;
        }

        ExpectedInvite link() {
            link = true;
            return this;
        }

        ExpectedInvite multi() {
            multi = true;
            return this;
        }

        ExpectedInvite signal(String number) {
            signal = Optional.of(number);
            return this;
        }

        ParseResult build() {
            return new ParseResult.Parsed(new Invite(email, displayName, expiry, groups, link, multi, signal));
        }
    }
}
