package org.invitebot.bot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.matrix.FakeHomeserver;
import org.invitebot.testbed.matrix.RoomEvent;
import org.invitebot.testbed.signal.FakeSignal;
import org.invitebot.testbed.signal.ReceiveMode;

/**
 * The whole bot running against the demo's stand-ins, with helpers to talk to it as a chat user
 * would. Closing it checks that every request the bot made fits the upstream schemas.
 */
final class RunningBot implements AutoCloseable {

    static final Duration REPLY_WAIT = Duration.ofSeconds(10);

    private final DemoWorld world;
    private final Clock clock;
    private InvitebotApp app;
    private InvitebotConfig config;

    private RunningBot(DemoWorld world, Clock clock) {
        this.world = world;
        this.clock = clock;
        this.config = world.config();
    }

    /** libolm's clients (python3-olm, matrix-nio) cannot cross-sign: tests with them let any device of an admin command. */
    static final UnaryOperator<String> ANY_DEVICE = yaml -> yaml.replace("  encryption:\n", "  encryption:\n    trust: any\n");

    /** The stand-ins only; call {@link #startBot()} when the scene is set. */
    static RunningBot prepare(Path stateDir) throws Exception {
        return new RunningBot(DemoWorld.start(stateDir.resolve("invitebot.db")), Clock.systemUTC());
    }

    static RunningBot prepare(Path stateDir, DemoWorld.Timing timing) throws Exception {
        return new RunningBot(DemoWorld.start(stateDir.resolve("invitebot.db"), timing), Clock.systemUTC());
    }

    static RunningBot start(Path stateDir) throws Exception {
        RunningBot bot = prepare(stateDir);
        bot.startBot();
        return bot;
    }

    /** With follow-ups that happen within seconds. */
    static RunningBot start(Path stateDir, DemoWorld.Timing timing) throws Exception {
        return start(stateDir, timing, Clock.systemUTC());
    }

    /** @param clock the bot's clock, across restarts; the stand-ins keep real time */
    static RunningBot start(Path stateDir, DemoWorld.Timing timing, Clock clock) throws Exception {
        RunningBot bot = new RunningBot(DemoWorld.start(stateDir.resolve("invitebot.db"), timing), clock);
        bot.startBot();
        return bot;
    }

    /** With the Signal stand-in handing over incoming messages in {@code mode}. */
    static RunningBot start(Path stateDir, ReceiveMode mode) throws Exception {
        RunningBot bot = new RunningBot(DemoWorld.start(stateDir.resolve("invitebot.db"), DemoWorld.Timing.DEMO, mode),
                Clock.systemUTC());
        bot.startBot();
        return bot;
    }

    void startBot() throws StartupException {
        app = InvitebotApp.start(config, clock);
    }

    void startBot(RetryWindow retry) throws StartupException {
        app = InvitebotApp.start(config, clock, retry);
    }

    /** With the demo's configuration changed by {@code edit}, from now on across restarts. */
    void startBot(UnaryOperator<String> edit) throws Exception {
        config = ConfigLoader.parse(edit.apply(world.configYaml()), Path.of("."), Map.of());
        startBot();
    }

    /** Stops the bot as an operator would; the stand-ins stay. */
    void stopBot() {
        app.close();
        app = null;
    }

    /** Stops the bot as an operator would and starts it again on the same state file. */
    void restartBot() throws StartupException {
        app.close();
        startBot();
    }

    int httpPort() {
        return app.httpPort();
    }

    DemoWorld world() {
        return world;
    }

    FakeAuthentik authentik() {
        return world.authentik();
    }

    FakeHomeserver homeserver() {
        return world.homeserver();
    }

    FakeSignal signal() {
        return world.signal();
    }

    /** Sends {@code text} as {@code sender} and returns the body of the bot's reply to it. */
    String ask(String room, String sender, String text) {
        String eventId = homeserver().sendText(room, sender, text);
        return replyTo(room, eventId)
                .orElseThrow(() -> new AssertionError("no reply to \"" + text + "\" within " + REPLY_WAIT))
                .content().path("body").asText();
    }

    /** Sends {@code text} encrypted from {@code device} and returns the bot's answer as the device decrypts it. */
    String askEncrypted(DemoDevice device, String room, String text) throws InterruptedException {
        return answerTo(device, room, device.send(room, text));
    }

    /** The bot's answer to {@code eventId} as {@code device} decrypts it. */
    String answerTo(DemoDevice device, String room, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (RoomEvent event : homeserver().timeline(room)) {
                Optional<JsonNode> content = event.sender().equals(DemoWorld.BOT) && event.type().equals("m.room.encrypted")
                        ? device.decrypt(event.content()) : Optional.empty();
                if (content.isPresent() && content.get().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()
                        .equals(eventId)) {
                    return content.get().path("body").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no answer " + device + " could decrypt to " + eventId + " within " + REPLY_WAIT);
    }

    Optional<RoomEvent> replyTo(String room, String eventId) {
        return replyTo(room, eventId, REPLY_WAIT);
    }

    /** For checking that no reply comes: a later command's reply has already been awaited, so a short wait suffices. */
    Optional<RoomEvent> replyTo(String room, String eventId, Duration wait) {
        return homeserver().awaitEvent(room, event -> event.isMessage()
                && event.sender().equals(DemoWorld.BOT)
                && eventId.equals(event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()),
                wait);
    }

    List<RoomEvent> botMessages(String room) {
        return homeserver().messagesFrom(room, DemoWorld.BOT);
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        try {
            world.homeserver().assertNoContractViolations();
            world.authentik().assertNoContractViolations();
            world.signal().assertNoContractViolations();
        } finally {
            world.close();
        }
    }
}
