package org.invitebot.bot.cli;

import java.util.List;

import picocli.CommandLine.Command;

@Command(name = "requests", description = "Lists the invitation requests waiting for a decision, like !requests in chat."
        + " Examples: invitebot requests; invitebot requests --json")
final class RequestsCommand extends ShellCommand {

    @Override
    String name() {
        return "requests";
    }

    @Override
    List<String> arguments() {
        return List.of();
    }
}
