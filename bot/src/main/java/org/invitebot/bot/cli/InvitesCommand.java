package org.invitebot.bot.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "invites", description = "Lists active invitations, like !invites in chat. Examples: "
        + "invitebot invites; invitebot invites jane --json")
final class InvitesCommand extends ShellCommand {

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "only invitations whose name or invitee contains it")
    List<String> filter = List.of();

    @Override
    String name() {
        return "invites";
    }

    @Override
    List<String> arguments() {
        return filter;
    }
}
