package org.invitebot.bot.text;

import java.util.ArrayList;
import java.util.List;

import org.invitebot.core.command.Request;

/**
 * {@code !request <email | "Display Name"> [group ...] [--reason "…"]}. No expiry and no delivery flags: the
 * approving admin's defaults apply, and a link goes to the requester.
 */
final class RequestSyntax implements CommandSyntax {

    static final List<Flag> FLAGS = List.of(Flag.withValue("--reason", "--reason needs a few words in quotes, like"
            + " --reason \"my sister\"", value -> true));

    private final String command;

    /** @param command the command as the sender types it, {@code !request}, for messages */
    RequestSyntax(String command) {
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
            return new ParseResult.Malformed("usage: " + command + " <email | \"Display Name\"> [group ...] [--reason \"why\"]");
        }
        InviteeWord first = InviteeWord.read(words.positionals().get(0), command);
        if (first instanceof InviteeWord.Problem problem) {
            return new ParseResult.Malformed(problem.error());
        }
        List<String> groups = new ArrayList<>();
        for (Tokenizer.Token word : words.positionals().subList(1, words.positionals().size())) {
            if (InviteSyntax.looksLikeExpiry(word)) {
                return new ParseResult.Malformed(command + " takes no expiry (" + Excerpt.of(word.text())
                        + "); the admin who approves it decides");
            }
            groups.add(word.text());
        }
        InviteeWord.Invitee invitee = (InviteeWord.Invitee) first;
        return new ParseResult.Parsed(new Request(invitee.email(), invitee.name(), groups,
                words.value("--reason")));
    }
}
