package org.invitebot.bot.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Deletes an invitation, like !revoke in chat. Example: invitebot revoke jane-2026-11")
final class RevokeCommand extends ShellCommand {

    @Parameters(paramLabel = "NAME", description = "the invitation's name, or the start of its pk")
    String target;

    @Override
    String name() {
        return "revoke";
    }

    @Override
    List<String> arguments() {
        return List.of(target);
    }
}
