package org.invitebot.bot.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.invitebot.core.command.Invite;

/**
 * {@code !invite <email | "Display Name"> [expiry] [group ...] [flags]}: sorts the words into an {@link Invite}.
 * Only the shape is checked here; what the values mean (a valid expiry, an allowed group, an E.164 number) is
 * the policy's to decide, so every refusal of a value is worded in one place.
 */
final class InviteSyntax implements CommandSyntax {

    static final List<Flag> FLAGS = List.of(
            Flag.onOff("--link"),
            Flag.onOff("--multi"),
            Flag.withValue("--name-of", "--name-of needs a name like \"Jane Smith\"", value -> true),
            Flag.withValue("--signal", "--signal needs a phone number like +15551234567",
                    value -> value.startsWith("+") || Character.isDigit(value.codePointAt(0))));

    /** The policy refuses these with its reason; routing them to expiry is what lets it (ExpiryPolicy). */
    private static final Set<String> NO_EXPIRY = Set.of("never", "forever", "none", "infinite");

    private final String command;

    /** @param command the command as the sender types it, {@code !invite}, for messages */
    InviteSyntax(String command) {
        this.command = command;
    }

    @Override
    public ParseResult parse(List<Tokenizer.Token> arguments) {
        Flags.Result flags = Flags.separate(arguments, FLAGS, command);
        if (flags instanceof Flags.Result.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        Flags.Result.Separated words = (Flags.Result.Separated) flags;
        if (words.positionals().isEmpty()) {
            return new ParseResult.Malformed("usage: " + command + " <email | \"Display Name\"> [expiry] [group ...]");
        }
        InviteeWord first = InviteeWord.read(words.positionals().get(0), command);
        if (first instanceof InviteeWord.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        Optional<String> email = ((InviteeWord.Invitee) first).email();
        Optional<String> quotedName = ((InviteeWord.Invitee) first).name();
        Optional<String> nameOf = words.value("--name-of");
        if (quotedName.isPresent() && nameOf.isPresent()) {
            return new ParseResult.Malformed("two names given: \"" + Excerpt.of(quotedName.get()) + "\" and --name-of \""
                    + Excerpt.of(nameOf.get()) + "\"; --name-of is for naming the person behind an email address");
        }
        Optional<String> expiry = Optional.empty();
        List<String> groups = new ArrayList<>();
        for (Tokenizer.Token word : words.positionals().subList(1, words.positionals().size())) {
            if (!looksLikeExpiry(word)) {
                groups.add(word.text());
            } else if (expiry.isPresent()) {
                return new ParseResult.Malformed("two expiries given: " + Excerpt.of(expiry.get()) + " and "
                        + Excerpt.of(word.text()) + "; give one, like 7d");
            } else {
                expiry = Optional.of(word.text());
            }
        }
        return new ParseResult.Parsed(new Invite(email, quotedName.or(() -> nameOf), expiry, groups,
                words.has("--link"), words.has("--multi"), words.value("--signal")));
    }

    /**
     * {@code 7d}, {@code 2026-12-01}, {@code never}, wherever it stands after the invitee. A quoted word is never
     * an expiry, which leaves a way to name a group that starts with a digit: {@code "4k-users"}.
     */
    static boolean looksLikeExpiry(Tokenizer.Token word) {
        return !word.quoted()
                && (Character.isDigit(word.text().codePointAt(0)) || NO_EXPIRY.contains(word.text().toLowerCase(Locale.ROOT)));
    }
}
