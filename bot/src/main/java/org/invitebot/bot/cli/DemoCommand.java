package org.invitebot.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import org.invitebot.bot.InvitebotApp;
import org.invitebot.bot.StartupException;
import org.invitebot.bot.demo.DemoTerminal;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.config.ConfigException;

@Command(name = "demo", description = "Runs the real bot against in-process stand-ins of Authentik and Matrix, "
        + "with a terminal where you chat as an admin.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws IOException, ConfigException, StartupException {
        Logging.quiet();
        Path state = Files.createTempDirectory("invitebot-demo").resolve("invitebot.db");
        try (DemoWorld world = DemoWorld.startEncrypted(state);
             InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            new DemoTerminal(world, in, System.out, world.config().matrix().commandPrefix()).run();
        }
        return 0;
    }
}
