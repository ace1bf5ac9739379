package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

import org.invitebot.core.config.ConfigException;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;

/**
 * The commands' {@code --config}, as a picocli mixin for the operator's commands (default {@code invitebot.yaml}):
 * loaded with the environment's secrets, or each problem on stderr.
 */
final class ConfigFile {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "invitebot.yaml",
            description = "the YAML configuration (default: ${DEFAULT-VALUE})")
    Path path;

    /** Empty when the file is not valid; the caller then exits with {@link RunCommand#CONFIG_ERROR}. */
    Optional<InvitebotConfig> load(PrintWriter err) {
        return load(path, err);
    }

    static Optional<InvitebotConfig> load(Path config, PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(config, System.getenv()));
        } catch (ConfigException e) {
            err.println("invitebot: " + config + " is not valid:");
            e.getMessage().lines().forEach(line -> err.println("  " + line));
            err.flush();
            return Optional.empty();
        }
    }
}
