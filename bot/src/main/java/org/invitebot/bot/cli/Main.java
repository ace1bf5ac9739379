package org.invitebot.bot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code invitebot run | demo}: the command-line entry point. */
@Command(name = "invitebot",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Creates Authentik invitations from chat commands.",
        subcommands = {RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
