package org.invitebot.bot.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "invite", description = "Creates an invitation, like !invite in chat. Examples: "
        + "invitebot invite jane@example.com 7d media-users; invitebot invite \"Jane Smith\" 48h --json")
final class InviteCommand extends ShellCommand {

    /** !invite's own flags (--link, --multi, --name-of, --signal) arrive here in order, for the chat parser to judge. */
    @Parameters(paramLabel = "ARGUMENT", arity = "1..*",
            description = "what !invite takes: an email or a name, expiry, groups and its flags")
    List<String> words = List.of();

    @Override
    String name() {
        return "invite";
    }

    @Override
    List<String> arguments() {
        return words;
    }
}
