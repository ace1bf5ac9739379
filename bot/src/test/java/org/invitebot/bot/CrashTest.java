package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.bot.matrix.HttpMatrixClient;
import org.invitebot.bot.matrix.e2ee.CrossSigningStatus;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/**
 * SPEC §5 under SIGKILL and under power cuts: the real bot runs as its own JVM and is cut off ten times
 * while 50 commands arrive. Afterwards every command has exactly one invitation and exactly one reply.
 */
class CrashTest {

    private static final int COMMANDS = 50;
    private static final int CUTS = 10;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killedTenTimesWhileFiftyCommandsArriveAndEachIsDoneExactlyOnce() throws Exception {
        burstWithCuts("crash test", List.of(), bot -> bot.destroyForcibly().waitFor());
    }

    /**
     * The state directory lives under {@code powerloss.c}, which keeps a copy of each file as it was at
     * its last fsync; a cut kills the bot and puts those copies back, so every write the bot had not
     * made durable is gone while what it did outside (invitations, messages) stays.
     */
    @Test
    void poweredOffTenTimesWhileFiftyCommandsArriveAndEachIsDoneExactlyOnce() throws Exception {
        Path state = dir.resolve("state");
        Path durable = Files.createDirectories(dir.resolve("durable"));
        Path shim = NativeShim.build(Path.of("src/test/native/powerloss.c"), dir.resolve("libpowerloss.so"));
        List<String> environment = List.of("LD_PRELOAD=" + shim, "POWERLOSS_DIR=" + state.toAbsolutePath(),
                "POWERLOSS_SHADOW=" + durable.toAbsolutePath());
        String log = burstWithCuts("power loss test", environment, bot -> {
            bot.destroyForcibly().waitFor();
            restore(durable, state);
        });
        assertThat(log).as("a start after a cut says so").contains("did not stop cleanly");
    }

    /**
     * In an encrypted room, with the admin's own E2EE client (matrix-nio on libolm) sending the commands and
     * reading the answers: every answer decrypts, and the bot says nothing its client cannot read.
     */
    @Test
    void killedTenTimesWhileFiftyEncryptedCommandsArriveAndEachIsAnsweredOnceReadably() throws Exception {
        // no email confirmation follow-up within the test, so every reply to a command is its answer
        DemoWorld.Timing timing = new DemoWorld.Timing(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofMinutes(30), Duration.ofSeconds(60));
        try (DemoWorld world = DemoWorld.start(dir.resolve("state/invitebot.db"), timing)) {
            world.homeserver().enableEncryption(world.adminsRoom(), DemoWorld.ADMIN);
            try (NioAdmin nio = NioAdmin.start(world.homeserver().baseUrl(), DemoWorld.ADMIN, "NIOADMIN",
                    world.homeserver().addDevice(DemoWorld.ADMIN, "NIOADMIN"), Files.createDirectories(dir.resolve("nio")),
                    dir.resolve("nio.log"))) {
                Chat encrypted = new Chat() {
                    @Override
                    public String send(String text) throws Exception {
                        return nio.send(world.adminsRoom(), text);
                    }

                    @Override
                    public Map<String, Long> replies(List<String> commands) throws Exception {
                        Map<String, Long> counts = new HashMap<>();
                        nio.call("reply_counts", "room", world.adminsRoom(), "sender", DemoWorld.BOT).path("counts").fields()
                                .forEachRemaining(entry -> {
                                    if (commands.contains(entry.getKey())) {
                                        counts.put(entry.getKey(), entry.getValue().asLong());
                                    }
                                });
                        return counts;
                    }
                };
                burstWithCuts("encrypted crash test", world, encrypted, List.of(), bot -> bot.destroyForcibly().waitFor());
                assertThat(nio.call("undecryptable").path("events")).as("nothing the bot said is unreadable to the admin")
                        .isEmpty();
                assertThat(world.homeserver().timeline(world.adminsRoom())).filteredOn(event -> event.sender().equals(DemoWorld.BOT))
                        .allSatisfy(event -> assertThat(event.type()).isIn("m.room.encrypted", "m.room.member"));
            }
        }
    }

    @FunctionalInterface
    private interface Cut {
        void apply(Process bot) throws Exception;
    }

    /** How the test talks in the admins' room: plainly through the stand-in, or through the admin's E2EE client. */
    private interface Chat {
        String send(String text) throws Exception;

        /** Replies per command, of those given. */
        Map<String, Long> replies(List<String> commands) throws Exception;
    }

    private String burstWithCuts(String name, List<String> environment, Cut cut) throws Exception {
        try (DemoWorld world = DemoWorld.start(dir.resolve("state/invitebot.db"))) {
            return burstWithCuts(name, world, plainChat(world), environment, cut);
        }
    }

    /** The admin in the admins' room, through the stand-in. */
    private static Chat plainChat(DemoWorld world) {
        return new Chat() {
            @Override
            public String send(String text) {
                return world.homeserver().sendText(world.adminsRoom(), DemoWorld.ADMIN, text);
            }

            @Override
            public Map<String, Long> replies(List<String> commands) {
                return repliesTo(world, world.adminsRoom(), commands);
            }
        };
    }

    /** @return the bot's log */
    private String burstWithCuts(String name, DemoWorld world, Chat chat, List<String> environment, Cut cut) throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Path config = dir.resolve("invitebot.yaml");
        Files.writeString(config, RunningBot.ANY_DEVICE.apply(world.configYaml()));
        // in the clear, so that in an encrypted room too it is there before the bot has a device to share keys with
        String history = world.homeserver().sendText(world.adminsRoom(), DemoWorld.ADMIN, "!invite history@example.com");

        Process bot = startBot(config, environment);
        awaitFirstSync(chat, dir.resolve("bot.log"));

        List<String> commands = new ArrayList<>();
        int cutsDone = 0;
        for (int i = 0; i < COMMANDS; i++) {
            commands.add(chat.send("!invite user" + i + "@example.com 7d media-users"));
            Thread.sleep(random.nextInt(60));
            if (cutsDone < CUTS && random.nextInt(COMMANDS) < CUTS * 1.3) {
                Thread.sleep(random.nextInt(400));
                cut.apply(bot);
                cutsDone++;
                bot = startBot(config, environment);
            }
        }
        while (cutsDone < CUTS) {
            Thread.sleep(random.nextInt(300));
            cut.apply(bot);
            cutsDone++;
            bot = startBot(config, environment);
        }

        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (chat.replies(commands).size() < COMMANDS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        bot.destroy();
        bot.waitFor();

        List<StoredInvitation> invitations = world.authentik().invitations();
        Map<String, Long> repliesPerCommand = chat.replies(commands);
        Set<String> invitees = invitations.stream()
                .map(invitation -> String.valueOf(invitation.fixedData().get("email")))
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.printf("%s (seed %d): %d cuts, %d commands, %d invitations (%d distinct invitees), "
                + "%d commands answered, %d replies%n", name, seed, cutsDone, COMMANDS, invitations.size(), invitees.size(),
                repliesPerCommand.size(), repliesPerCommand.values().stream().mapToLong(Long::longValue).sum());

        assertThat(cutsDone).isEqualTo(CUTS);
        assertThat(invitations).as("seed %d", seed).hasSize(COMMANDS);
        assertThat(invitees).as("seed %d", seed).hasSize(COMMANDS).doesNotContain("history@example.com");
        assertThat(repliesPerCommand).as("seed %d", seed).hasSize(COMMANDS).allSatisfy((command, count) ->
                assertThat(count).as("replies to %s", command).isEqualTo(1));
        assertThat(repliesPerCommand).doesNotContainKey(history);
        world.homeserver().assertNoContractViolations();
        world.authentik().assertNoContractViolations();
        String log = Files.readString(dir.resolve("bot.log"));
        assertThat(log).as("the bot's own log").contains("following Matrix")
                .doesNotContain(world.config().matrix().accessToken().reveal(), world.config().authentik().token().reveal());
        return log;
    }

    /**
     * Issue 15: twenty members' requests, each approved by an admin's ✅ while the bot is killed five times: exactly
     * one invitation per request, one answer in each request's thread and one outcome message to the member.
     */
    @Test
    void killedFiveTimesWhileTwentyRequestsAreApprovedByReactionAndEachMakesOneInvitation() throws Exception {
        int requests = 20;
        int kills = 5;
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        try (DemoWorld world = DemoWorld.start(dir.resolve("state/invitebot.db"))) {
            String lobby = world.lobbyRoom();
            String admins = world.adminsRoom();
            Path config = dir.resolve("invitebot.yaml");
            Files.writeString(config, world.configYaml().replace("requestable_groups: [media-users]",
                    "requestable_groups: [media-users]\n  max_per_requester_per_day: " + requests));
            Process bot = startBot(config, List.of());
            awaitFirstSync(plainChat(world), dir.resolve("bot.log"));

            List<String> asked = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                asked.add(world.homeserver().sendText(lobby, DemoWorld.BOB, "!request user" + i + "@example.com media-users"));
            }
            List<RoomEvent> posts = awaitCount(() -> world.homeserver().messagesFrom(admins, DemoWorld.BOT).stream()
                    .filter(event -> event.content().path("body").asText().startsWith("Invitation request #")).toList(), requests);

            int killed = 0;
            for (RoomEvent post : posts) {
                world.homeserver().react(admins, DemoWorld.ADMIN, post.eventId(), "✅");
                Thread.sleep(random.nextInt(80));
                if (killed < kills && random.nextInt(requests) < kills * 1.5) {
                    Thread.sleep(random.nextInt(300));
                    bot.destroyForcibly().waitFor();
                    killed++;
                    bot = startBot(config, List.of());
                }
            }
            while (killed < kills) {
                Thread.sleep(random.nextInt(300));
                bot.destroyForcibly().waitFor();
                killed++;
                bot = startBot(config, List.of());
            }

            List<String> postIds = posts.stream().map(RoomEvent::eventId).toList();
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while ((outcomes(world, lobby, asked).size() < requests || world.authentik().invitations().size() < requests)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            bot.destroy();
            bot.waitFor();

            Map<String, Long> outcomes = outcomes(world, lobby, asked);
            Map<String, Long> answers = world.homeserver().messagesFrom(admins, DemoWorld.BOT).stream()
                    .map(event -> event.content().path("m.relates_to").path("event_id").asText())
                    .filter(postIds::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            Set<String> invitees = world.authentik().invitations().stream()
                    .map(invitation -> String.valueOf(invitation.fixedData().get("email")))
                    .collect(Collectors.toCollection(TreeSet::new));
            System.out.printf("approval crash test (seed %d): %d kills, %d requests, %d invitations (%d distinct invitees),"
                    + " %d requests told, %d outcome messages, %d approvals answered%n", seed, killed, requests,
                    world.authentik().invitations().size(), invitees.size(), outcomes.size(),
                    outcomes.values().stream().mapToLong(Long::longValue).sum(), answers.size());

            assertThat(world.authentik().invitations()).as("seed %d", seed).hasSize(requests);
            assertThat(invitees).as("seed %d", seed).hasSize(requests);
            assertThat(outcomes).as("seed %d", seed).hasSize(requests).allSatisfy((request, count) ->
                    assertThat(count).as("outcome messages for %s", request).isEqualTo(1));
            assertThat(answers).as("seed %d", seed).hasSize(requests).allSatisfy((post, count) ->
                    assertThat(count).as("answers in the thread of %s", post).isEqualTo(1));
            world.homeserver().assertNoContractViolations();
            world.authentik().assertNoContractViolations();
        }
    }

    /** The bot's "your request … was approved" messages, per request command. */
    private static Map<String, Long> outcomes(DemoWorld world, String lobby, List<String> asked) {
        return world.homeserver().messagesFrom(lobby, DemoWorld.BOT).stream()
                .filter(event -> event.content().path("body").asText().contains("was approved by"))
                .map(CrashTest::inReplyTo)
                .filter(asked::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static <T> List<T> awaitCount(java.util.function.Supplier<List<T>> items, int count) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (items.get().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(items.get()).hasSize(count);
        return items.get();
    }

    /**
     * Issue 14: a kill at a random moment around the cross-signing bootstrap leaves the homeserver with no keys or
     * with the complete set the state file holds, never other or partial keys; the next start finishes the job.
     */
    @Test
    void killedDuringCrossSigningBootstrapLeavesNoKeysOrTheStoredOnesAndTheNextStartCompletes() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Map<String, Integer> seen = new TreeMap<>();
        for (int run = 0; run < 8; run++) {
            Path state = Files.createDirectories(dir.resolve("bootstrap-" + run));
            try (DemoWorld world = DemoWorld.start(state.resolve("invitebot.db"))) {
                Path config = state.resolve("invitebot.yaml");
                Files.writeString(config, world.configYaml());
                Process bot = startBot(config, List.of());
                awaitRequest(world, "uploadKeys", bot);
                Thread.sleep(random.nextInt(60));
                bot.destroyForcibly().waitFor();

                CrossSigningStatus afterKill = crossSigning(world, state);
                JsonNode onServer = world.homeserver().crossSigningKeys(DemoWorld.BOT);
                if (afterKill.keysOnServer()) {
                    assertThat(onServer.has("self_signing_keys") && onServer.has("user_signing_keys"))
                            .as("run %d (seed %d): all three keys or none", run, seed).isTrue();
                    assertThat(afterKill.keysMatch()).as("run %d (seed %d): the server's keys are the stored ones", run, seed)
                            .isTrue();
                } else {
                    assertThat(onServer.isEmpty()).as("run %d (seed %d): no partial keys", run, seed).isTrue();
                }
                seen.merge(afterKill.complete() ? "complete" : afterKill.keysOnServer() ? "uploaded, device not yet signed"
                        : afterKill.keysStored() ? "stored, not yet uploaded" : "none yet", 1, Integer::sum);

                Process again = startBot(config, List.of());
                long deadline = System.nanoTime() + SETTLE.toNanos();
                while (!crossSigning(world, state).complete() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                again.destroyForcibly().waitFor();
                assertThat(crossSigning(world, state).complete()).as("run %d (seed %d): the next start completes it", run, seed)
                        .isTrue();
            }
        }
        System.out.println("cross-signing bootstrap crash test (seed " + seed + "): 8 kills, states left " + seen);
    }

    private static CrossSigningStatus crossSigning(DemoWorld world, Path state) {
        try (StateStore store = StateStore.open(state.resolve("invitebot.db"), Clock.systemUTC())) {
            HttpMatrixClient matrix = new HttpMatrixClient(HttpUrl.get(world.homeserver().baseUrl()), DemoWorld.BOT,
                    world.config().matrix().accessToken(), new OkHttpClient());
            return Encryption.crossSigningStatus(matrix, store, DemoWorld.BOT,
                    world.homeserver().devicesOf(DemoWorld.BOT).get(0));
        }
    }

    private static void awaitRequest(DemoWorld world, String operation, Process bot) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (world.homeserver().requests().stream().noneMatch(request -> operation.equals(request.operation()))) {
            assertThat(bot.isAlive() && System.nanoTime() < deadline).as("the bot reaches " + operation).isTrue();
            Thread.sleep(1);
        }
    }

    /** What the disk holds after the cut: the fsynced copies; the shared-memory index is rebuilt from them. */
    private static void restore(Path durable, Path state) throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> copies = Files.list(durable)) {
            for (Path copy : copies.filter(file -> !file.toString().endsWith(".partial")).toList()) {
                Files.copy(copy, state.resolve(copy.getFileName()));
            }
        }
    }

    private Process startBot(Path config, List<String> environment) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "org.invitebot.bot.cli.Main", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bot.log").toFile()));
        environment.forEach(variable -> {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        });
        return builder.start();
    }

    /**
     * The first start marks "now" in the rooms; answering a help request shows it has. A request sent
     * before that is history to the bot, so ask again until one is answered.
     */
    private static void awaitFirstSync(Chat chat, Path log) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        boolean answered = false;
        while (!answered && System.nanoTime() < deadline) {
            String help = chat.send("!help");
            Thread.sleep(2000);
            answered = !chat.replies(List.of(help)).isEmpty();
        }
        assertThat(answered).as("the bot answers after its first start; its log:%n%s",
                Files.exists(log) ? Files.readString(log) : "(none)").isTrue();
    }

    private static Map<String, Long> repliesTo(DemoWorld world, String room, List<String> commands) {
        Set<String> wanted = Set.copyOf(commands);
        return world.homeserver().messagesFrom(room, DemoWorld.BOT).stream()
                .map(CrashTest::inReplyTo)
                .filter(wanted::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String inReplyTo(RoomEvent event) {
        return event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText();
    }
}
