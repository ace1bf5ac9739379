package org.invitebot.bot.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.invitebot.core.authz.MatrixId;
import org.invitebot.core.command.Approve;
import org.invitebot.core.command.Audit;
import org.invitebot.core.command.Command;
import org.invitebot.core.command.Deny;
import org.invitebot.core.command.Groups;
import org.invitebot.core.command.Help;
import org.invitebot.core.command.ListInvitations;
import org.invitebot.core.command.ListRequests;
import org.invitebot.core.command.Reissue;
import org.invitebot.core.command.Revoke;
import org.invitebot.core.command.Trust;
import org.invitebot.core.command.WhoAmI;

/**
 * Reads a chat message as a command (SPEC §2): {@code !invite jane@example.com 7d media-users}.
 *
 * <p>Every message gets an answer and none throws: ordinary chat is {@link ParseResult.NotACommand}, a command
 * the bot cannot read is {@link ParseResult.Malformed} with one line saying what was expected. Meaning is
 * not checked here: {@code never}, {@code 90d} and unknown groups parse, and the policy refuses them.
 *
 * <p>How a message is read, in order:
 * <ol>
 *   <li>A Matrix reply starts with the replied-to message quoted ({@code > } lines, then an empty line; the
 *       "reply fallback" of the client-server API before v1.13). Those lines are dropped.
 *   <li>It is a command when, after leading spaces, it starts with the prefix followed by a letter. Anything
 *       else ({@code hello}, {@code !}, {@code ! invite}, {@code !!}) is chat and ignored silently.
 *   <li>Commands over {@value #MAX_LENGTH} characters (code points) are refused, and so are commands with
 *       control or invisible characters ({@link InvisibleCharacters}): refused, not cleaned, since what the
 *       sender saw is not what they sent.
 *   <li>Newlines are spaces: a command may wrap over lines, as chat clients do when pasting; a quote must
 *       close on its own line. CR LF and lone CR count as a newline.
 *   <li>The text is put in Unicode NFC, so a name typed with combining accents equals the composed one.
 *   <li>The command name is case-insensitive; the words after it are split by {@link Tokenizer} and read by
 *       that command's {@link CommandSyntax}.
 * </ol>
 *
 * <p>A new command is one entry in {@link #commands} and one method or {@link CommandSyntax} class; the
 * core's {@code Command} gets its record.
 */
public final class CommandParser {

    static final int MAX_LENGTH = 2000;

    private static final ParseResult NOT_A_COMMAND = new ParseResult.NotACommand();

    private final String prefix;
    private final Map<String, CommandSyntax> commands;

    /** @param prefix what starts a command, {@code !} by default; not empty, no spaces */
    public CommandParser(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.codePoints().anyMatch(cp -> Tokenizer.isSpace(cp) || InvisibleCharacters.isInvisible(cp))) {
            throw new IllegalArgumentException("command prefix must be one or more visible characters without spaces, like \"!\"; got \""
                    + prefix + "\"");
        }
        this.prefix = prefix;
        this.commands = Map.ofEntries(
                Map.entry("invite", new InviteSyntax(prefix + "invite")),
                Map.entry("help", this::help),
                Map.entry("audit", this::audit),
                Map.entry("invites", arguments -> words(arguments, "invites", 0, 1, "[text]",
                        words -> new ListInvitations(words.stream().findFirst()))),
                Map.entry("revoke", arguments -> words(arguments, "revoke", 1, 1, "<name | pk prefix>",
                        words -> new Revoke(words.get(0)))),
                Map.entry("reissue", arguments -> words(arguments, "reissue", 1, 2, "<name | pk prefix> [expiry]",
                        words -> new Reissue(words.get(0), words.stream().skip(1).findFirst()))),
                Map.entry("groups", arguments -> words(arguments, "groups", 0, 0, "", words -> new Groups())),
                Map.entry("whoami", arguments -> words(arguments, "whoami", 0, 0, "", words -> new WhoAmI())),
                Map.entry("trust", this::trust),
                Map.entry("request", new RequestSyntax(prefix + "request")),
                Map.entry("requests", arguments -> words(arguments, "requests", 0, 0, "", words -> new ListRequests())),
                Map.entry("approve", arguments -> decision(arguments, "approve", 1, "<number>",
                        (id, reason) -> new Approve(id))),
                Map.entry("deny", arguments -> decision(arguments, "deny", Integer.MAX_VALUE, "<number> [reason]",
                        (id, reason) -> new Deny(id, reason))));
    }

    public ParseResult parse(String messageBody) {
        if (messageBody == null) {
            return NOT_A_COMMAND;
        }
        String text = withoutLeadingSpaces(withoutReplyFallback(messageBody.replace("\r\n", "\n").replace('\r', '\n')));
        if (!text.startsWith(prefix) || text.length() == prefix.length()
                || !Character.isLetter(text.codePointAt(prefix.length()))) {
            return NOT_A_COMMAND;
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            return new ParseResult.Malformed("message too long (" + length + " characters); the limit is " + MAX_LENGTH);
        }
        OptionalInt invisible = InvisibleCharacters.first(text);
        if (invisible.isPresent()) {
            return new ParseResult.Malformed(String.format(Locale.ROOT,
                    "the command contains invisible control characters (U+%04X); type it again without them",
                    invisible.getAsInt()));
        }
        String afterPrefix = Normalizer.normalize(text.substring(prefix.length()), Normalizer.Form.NFC);
        int nameEnd = endOfFirstWord(afterPrefix);
        String name = afterPrefix.substring(0, nameEnd);
        CommandSyntax syntax = commands.get(name.toLowerCase(Locale.ROOT));
        if (syntax == null) {
            return new ParseResult.Malformed("unknown command \"" + prefix + Excerpt.of(name) + "\"; try " + prefix + "help");
        }
        Tokenizer.Result words = Tokenizer.split(afterPrefix.substring(nameEnd));
        if (words instanceof Tokenizer.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        return syntax.parse(((Tokenizer.Result.Words) words).tokens());
    }

    /** {@code !help [command]}; the topic may be written with the prefix: {@code !help !invite}. */
    private ParseResult help(List<Tokenizer.Token> arguments) {
        Flags.Result flags = Flags.separate(arguments, List.of(), prefix + "help");
        if (flags instanceof Flags.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        List<Tokenizer.Token> words = ((Flags.Result.Separated) flags).positionals();
        if (words.isEmpty()) {
            return new ParseResult.Parsed(new Help(Optional.empty()));
        }
        if (words.size() > 1) {
            return new ParseResult.Malformed(prefix + "help takes at most one command name, like " + prefix + "help invite");
        }
        String topic = words.get(0).text();
        if (topic.startsWith(prefix) && topic.length() > prefix.length()) {
            topic = topic.substring(prefix.length());
        }
        return new ParseResult.Parsed(new Help(Optional.of(topic.toLowerCase(Locale.ROOT))));
    }

    /** {@code !trust @user:server}: one Matrix user ID. */
    private ParseResult trust(List<Tokenizer.Token> arguments) {
        ParseResult parsed = words(arguments, "trust", 1, 1, "<@user:server>", words -> new Trust(words.get(0)));
        if (parsed instanceof ParseResult.Parsed ok && MatrixId.parse(((Trust) ok.command()).userId()).isEmpty()) {
            return new ParseResult.Malformed(prefix + "trust needs a Matrix user ID like @jane:example.org, not \""
                    + Excerpt.of(((Trust) ok.command()).userId()) + "\"");
        }
        return parsed;
    }

    /** {@code !approve 12}, {@code !deny #12 not known here}: a request's number, then for a denial the reason's words. */
    private ParseResult decision(List<Tokenizer.Token> arguments, String name, int most, String usage,
            BiFunction<Long, Optional<String>, Command> command) {
        Flags.Result flags = Flags.separate(arguments, List.of(), prefix + name);
        if (flags instanceof Flags.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        List<String> words = ((Flags.Result.Separated) flags).positionals().stream().map(Tokenizer.Token::text).toList();
        if (words.isEmpty() || words.size() > most) {
            return new ParseResult.Malformed("usage: " + prefix + name + " " + usage);
        }
        String number = words.get(0).startsWith("#") ? words.get(0).substring(1) : words.get(0);
        if (!number.matches("[0-9]{1,12}")) {
            return new ParseResult.Malformed(prefix + name + " needs the request's number, like " + prefix + name + " 12");
        }
        Optional<String> reason = words.size() > 1 ? Optional.of(String.join(" ", words.subList(1, words.size())))
                : Optional.empty();
        return new ParseResult.Parsed(command.apply(Long.parseLong(number), reason));
    }

    /** A command of {@code min} to {@code max} plain words and no flags. */
    private ParseResult words(List<Tokenizer.Token> arguments, String name, int min, int max, String usage,
            Function<List<String>, Command> command) {
        Flags.Result flags = Flags.separate(arguments, List.of(), prefix + name);
        if (flags instanceof Flags.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        List<String> words = ((Flags.Result.Separated) flags).positionals().stream().map(Tokenizer.Token::text).toList();
        if (words.size() < min || words.size() > max) {
            return new ParseResult.Malformed(max == 0
                    ? prefix + name + " takes no arguments"
                    : "usage: " + prefix + name + " " + usage);
        }
        return new ParseResult.Parsed(command.apply(words));
    }

    /** {@code !audit [n]}, n from 1 to {@value Audit#MAX_COUNT}. */
    private ParseResult audit(List<Tokenizer.Token> arguments) {
        Flags.Result flags = Flags.separate(arguments, List.of(), prefix + "audit");
        if (flags instanceof Flags.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        List<Tokenizer.Token> words = ((Flags.Result.Separated) flags).positionals();
        String usage = prefix + "audit takes an optional count from 1 to " + Audit.MAX_COUNT + ", like " + prefix + "audit 20";
        if (words.isEmpty()) {
            return new ParseResult.Parsed(new Audit(Audit.DEFAULT_COUNT));
        }
        if (words.size() > 1 || !words.get(0).text().matches("[0-9]{1,3}")) {
            return new ParseResult.Malformed(usage);
        }
        int count = Integer.parseInt(words.get(0).text());
        return count >= 1 && count <= Audit.MAX_COUNT
                ? new ParseResult.Parsed(new Audit(count))
                : new ParseResult.Malformed(usage);
    }

    /**
     * Drops the quoted lines a Matrix client puts before the text of a reply: {@code > <@alice:example.org> hi},
     * then an empty line. Only when both are there: a message that merely starts with {@code >} is left alone.
     */
    static String withoutReplyFallback(String body) {
        int lineStart = 0;
        while (isQuoteLine(body, lineStart)) {
            int newline = body.indexOf('\n', lineStart);
            if (newline < 0) {
                return body;
            }
            lineStart = newline + 1;
        }
        if (lineStart == 0) {
            return body;
        }
        int newline = body.indexOf('\n', lineStart);
        String line = newline < 0 ? body.substring(lineStart) : body.substring(lineStart, newline);
        if (!line.isBlank()) {
            return body;
        }
        return newline < 0 ? "" : body.substring(newline + 1);
    }

    private static boolean isQuoteLine(String body, int lineStart) {
        return body.startsWith("> ", lineStart) || body.startsWith(">\n", lineStart);
    }

    private static String withoutLeadingSpaces(String text) {
        int i = 0;
        while (i < text.length() && Tokenizer.isSpace(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        return text.substring(i);
    }

    private static int endOfFirstWord(String text) {
        int i = 0;
        while (i < text.length() && !Tokenizer.isSpace(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }
}
