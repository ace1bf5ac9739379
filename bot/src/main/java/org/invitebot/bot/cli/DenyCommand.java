package org.invitebot.bot.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deny", description = "Denies an invitation request, like !deny in chat; the running bot tells the requester."
        + " Example: invitebot deny 12 \"we only invite people we have met\"")
final class DenyCommand extends ShellCommand {

    @Parameters(index = "0", paramLabel = "NUMBER", description = "the request's number, as invitebot requests lists it")
    String number;

    @Parameters(index = "1..*", paramLabel = "REASON", description = "why, for the requester")
    List<String> reason = List.of();

    @Override
    String name() {
        return "deny";
    }

    @Override
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(number));
        arguments.addAll(reason);
        return arguments;
    }
}
