package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.invitebot.bot.matrix.MatrixException;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.StoreException;

/**
 * An operator's command on the bot's state file, with the bot running or not: the configuration loaded, the
 * store opened, and a store or homeserver fault turned into exit code 1, as the other shell commands do.
 */
abstract class StateFileCommand implements Callable<Integer> {

    @Mixin
    ConfigFile config;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    /** @return the exit code */
    abstract int run(InvitebotConfig loaded, StateStore store, PrintWriter out, PrintWriter err);

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<InvitebotConfig> valid = config.load(err);
        if (valid.isEmpty()) {
            return RunCommand.CONFIG_ERROR;
        }
        try (StateStore store = StateStore.open(valid.get().state().path(), Clock.systemUTC())) {
            return run(valid.get(), store, out, err);
        } catch (StoreException | MatrixException e) {
            err.println("invitebot: " + e.getMessage());
            err.flush();
            return RunCommand.STARTUP_ERROR;
        }
    }
}
