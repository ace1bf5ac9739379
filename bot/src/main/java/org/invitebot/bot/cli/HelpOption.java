package org.invitebot.bot.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h} / {@code --help} on every command: picocli prints the command's usage and exits 0 before
 * the command runs, so no configuration is read. Only these two names: every other unknown flag
 * ({@code --link}, {@code --signal}, ...) is the chat grammar's and passes through.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean requested;
}
