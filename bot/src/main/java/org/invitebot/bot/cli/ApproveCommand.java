package org.invitebot.bot.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "approve", description = "Approves an invitation request as the bot's Authentik account, like !approve in"
        + " chat; the running bot tells the requester (and sends them a link). Example: invitebot approve 12")
final class ApproveCommand extends ShellCommand {

    @Parameters(paramLabel = "NUMBER", description = "the request's number, as invitebot requests lists it")
    String number;

    @Override
    String name() {
        return "approve";
    }

    @Override
    List<String> arguments() {
        return List.of(number);
    }
}
