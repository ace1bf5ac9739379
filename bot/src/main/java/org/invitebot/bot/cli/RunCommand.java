package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.invitebot.bot.InvitebotApp;
import org.invitebot.bot.StartupException;
import org.invitebot.bot.logging.LogOutput;
import org.invitebot.core.config.InvitebotConfig;

@Command(name = "run", description = "Runs the bot with a configuration file until stopped.")
final class RunCommand implements Callable<Integer> {

    static final int CONFIG_ERROR = 2;
    static final int STARTUP_ERROR = 1;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<InvitebotConfig> valid = ConfigFile.load(config, err);
        if (valid.isEmpty()) {
            return CONFIG_ERROR;
        }
        InvitebotConfig loaded = valid.get();
        LogOutput.use(loaded.logging().format());
        InvitebotApp app;
        try {
            app = InvitebotApp.start(loaded, Clock.systemUTC());
        } catch (StartupException e) {
            err.println("invitebot: " + e.getMessage());
            err.flush();
            return STARTUP_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
