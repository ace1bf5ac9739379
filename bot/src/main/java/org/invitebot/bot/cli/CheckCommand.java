package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import okhttp3.OkHttpClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.invitebot.bot.logging.KnownSecrets;
import org.invitebot.core.config.ConfigException;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.config.Secret;

@Command(name = "check", description = "Validates the configuration and probes Authentik, Matrix and Signal: "
        + "one line each, with a fix for what fails. Exit code 0 only when everything passes.")
final class CheckCommand implements Callable<Integer> {

    static final int FAILED = 1;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        InvitebotConfig loaded;
        try {
            loaded = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException e) {
            out.println(Probe.fail("configuration " + config + " is not valid:", "correct the keys named below").line());
            e.getMessage().lines().forEach(line -> out.println("      " + line));
            out.flush();
            return RunCommand.CONFIG_ERROR;
        }
        KnownSecrets.register(loaded.authentik().token().reveal());
        KnownSecrets.register(loaded.matrix().accessToken().reveal());
        loaded.signal().number().map(Secret::reveal).ifPresent(KnownSecrets::register);
        out.println(Probe.pass("configuration " + config + " is valid").line());
        List<Probe> probes = new DependencyProbes(loaded, new OkHttpClient()).run();
        probes.forEach(probe -> out.println(KnownSecrets.mask(probe.line())));
        long failed = probes.stream().filter(probe -> !probe.passed()).count();
        out.println(failed == 0 ? "all " + (probes.size() + 1) + " checks passed" : failed + " of " + (probes.size() + 1)
                + " checks failed");
        out.flush();
        return failed == 0 ? 0 : FAILED;
    }
}
