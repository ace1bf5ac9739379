package org.invitebot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.testbed.matrix.RoomEvent;

/**
 * What end-to-end encryption costs: the same commands one at a time in a clear room and in an encrypted
 * one (decrypt, encrypt, the durable outbox), then the first answer in rooms where {@value #MEMBER_DEVICES}
 * member devices must get the bot's room key. The admin types through an E2EE client device; every answer
 * is decrypted by it and checked to be the answer to its command, so the figures are of answers that work.
 */
final class EncryptedRun {

    static final int MEMBER_DEVICES = 50;
    private static final int CROWDED_ROOMS = 3;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    /** When a command reached the homeserver, and when its answer did. */
    private record Answered(Instant sent, Instant replied) {
    }

    private final Settings settings;
    private final int commands;
    private final Path dir;

    EncryptedRun(Settings settings, int commands, Path dir) {
        this.settings = settings;
        this.commands = commands;
        this.dir = dir;
    }

    EncryptedResult run() throws Exception {
        try (BenchWorld world = BenchWorld.bare()) {
            String clear = world.addRoom("admins-clear", false, List.of());
            String encrypted = world.addRoom("admins-encrypted", true, List.of());
            List<String> members = IntStream.range(1, MEMBER_DEVICES).mapToObj(i -> "@member" + i + ":" + BenchWorld.SERVER).toList();
            List<String> crowded = new ArrayList<>();
            for (int i = 1; i <= CROWDED_ROOMS; i++) {
                crowded.add(world.addRoom("crowded-" + i, true, members));
            }
            DemoDevice admin = device(world, BenchWorld.ADMIN).crossSign();
            members.forEach(member -> device(world, member));
            RoomWatch watch = new RoomWatch();
            world.homeserver().addListener(watch);
            Path config = dir.resolve("invitebot.yaml");
            Files.writeString(config, world.configYaml(dir.resolve("invitebot.db")));
            try (BotProcess bot = BotProcess.start(settings.botJar(), settings.jvmOptions(), config, dir.resolve("bot.log"))) {
                Exchange exchange = new Exchange(world, watch, admin, bot);
                exchange.awaitBot();
                progress("warming up with %d commands in each room", settings.warmup());
                exchange.sequence(clear, false, "warm-clear", settings.warmup());
                exchange.sequence(encrypted, true, "warm-e2ee", settings.warmup());

                progress("%d commands one at a time in the clear room, then in the encrypted one", commands);
                Duration cpuFrom = bot.cpuTime();
                List<CommandSample> clearSamples = exchange.sequence(clear, false, "clear", commands);
                Duration clearCpu = bot.cpuTime().minus(cpuFrom).dividedBy(commands);
                cpuFrom = bot.cpuTime();
                List<CommandSample> encryptedSamples = exchange.sequence(encrypted, true, "e2ee", commands);
                Duration encryptedCpu = bot.cpuTime().minus(cpuFrom).dividedBy(commands);

                progress("first answers in %d rooms with %d member devices", CROWDED_ROOMS, MEMBER_DEVICES);
                List<Duration> first = new ArrayList<>();
                List<Duration> second = new ArrayList<>();
                for (String room : crowded) {
                    first.add(exchange.sequence(room, true, "first", 1).get(0).latency());
                    second.add(exchange.sequence(room, true, "second", 1).get(0).latency());
                }
                return new EncryptedResult(clearSamples, encryptedSamples, clearCpu, encryptedCpu, first, second);
            }
        }
    }

    private static DemoDevice device(BenchWorld world, String user) {
        return new DemoDevice(world.homeserver().baseUrl(), user, "BENCH", world.homeserver().addDevice(user, "BENCH")).uploadKeys();
    }

    /** Commands from the admin's device, each answered and the answer checked before the next. */
    private final class Exchange {

        private final BenchWorld world;
        private final RoomWatch watch;
        private final DemoDevice admin;
        private final BotProcess bot;
        private int sent;

        Exchange(BenchWorld world, RoomWatch watch, DemoDevice admin, BotProcess bot) {
            this.world = world;
            this.watch = watch;
            this.admin = admin;
            this.bot = bot;
        }

        /** Waits for the bot's keys and first sync: until then no client can share a room key with it. */
        void awaitBot() throws InterruptedException {
            long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
            while (!(world.calls().stream().anyMatch(Call::isSync) && world.calls().stream().anyMatch(call -> call.what().equals("uploadKeys")))) {
                requireAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bot published no keys within " + REPLY_TIMEOUT.toSeconds() + " s; its log:\n"
                            + bot.logTail(40));
                }
                Thread.sleep(10);
            }
        }

        List<CommandSample> sequence(String room, boolean encrypted, String label, int count) throws Exception {
            List<Answered> answered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent++;
                String text = "!invite " + label + i + "@example.com 7d media-users";
                String command = encrypted ? admin.send(room, text) : world.homeserver().sendText(room, BenchWorld.ADMIN, text);
                RoomEvent reply = watch.awaitAfter(room, command, BenchWorld.BOT, REPLY_TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException("no answer to " + command + " within "
                                + REPLY_TIMEOUT.toSeconds() + " s; the bot's log:\n" + bot.logTail(40)));
                JsonNode content = encrypted ? admin.decrypt(reply.content()).orElseThrow(() -> new IllegalStateException(
                        "the admin's device cannot decrypt the answer to " + command)) : reply.content();
                if (!content.path("m.relates_to").path("m.in_reply_to").path("event_id").asText().equals(command)
                        || !content.path("body").asText().contains("created")) {
                    throw new IllegalStateException("the bot's next message after " + command + " is not its answer: " + content);
                }
                answered.add(new Answered(watch.arrival(command), watch.arrival(reply.eventId())));
                Thread.sleep(settings.think().toMillis());
            }
            UpstreamLedger ledger = new UpstreamLedger(world.calls());
            int made = world.authentik().invitations().size();
            if (made != sent) {
                throw new IllegalStateException(sent + " commands made " + made + " invitations; the bot's log:\n" + bot.logTail(40));
            }
            return answered.stream().map(a -> ledger.sample(a.sent(), a.replied())).toList();
        }

        private void requireAlive() {
            if (!bot.isAlive()) {
                throw new IllegalStateException("the bot exited; its log:\n" + bot.logTail(40));
            }
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[encrypted] %s%n", String.format(format, args));
    }
}
