package org.invitebot.bot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.invitebot.core.config.ConfigException;
import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.policy.DurationText;
import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.matrix.FakeHomeserver;
import org.invitebot.testbed.signal.FakeSignal;
import org.invitebot.testbed.signal.ReceiveMode;

/**
 * The demo's stand-ins, seeded like a small self-hosted stack: an Authentik with the runbook's groups
 * and flow, an admin and a non-admin, a homeserver with a private admin room and a shared lobby, and a
 * signal-cli-rest-api for the bot's number, where the admin's phone is a Signal admin.
 */
public final class DemoWorld implements AutoCloseable {

    public static final String SERVER = "example.org";
    public static final String BOT = "@invitebot:" + SERVER;
    public static final String ADMIN = "@admin:" + SERVER;
    public static final String BOB = "@bob:" + SERVER;
    /** A delegated admin: her admin group may grant media-users only. */
    public static final String CAROL = "@carol:" + SERVER;
    /** The bot's Signal number. */
    public static final String BOT_PHONE = "+15550001000";
    /** The admin's phone, listed in {@code signal.admins}. */
    public static final String ADMIN_PHONE = "+15550001111";
    static final String AUTHENTIK_TOKEN = "demo-authentik-token-not-a-secret";
    static final String FLOW = "invitation-enrollment";

    private final FakeAuthentik authentik;
    private final FakeHomeserver homeserver;
    private final FakeSignal signal;
    private final String adminsRoom;
    private final String lobbyRoom;
    private final String onboardingRoom;
    private final boolean adminsEncrypted;
    private final String configYaml;
    private final InvitebotConfig config;

    private DemoWorld(FakeAuthentik authentik, FakeHomeserver homeserver, FakeSignal signal, String adminsRoom,
            boolean adminsEncrypted, String lobbyRoom, String onboardingRoom, String configYaml, InvitebotConfig config) {
        this.adminsEncrypted = adminsEncrypted;
        this.signal = signal;
        this.onboardingRoom = onboardingRoom;
        this.configYaml = configYaml;
        this.authentik = authentik;
        this.homeserver = homeserver;
        this.adminsRoom = adminsRoom;
        this.lobbyRoom = lobbyRoom;
        this.config = config;
    }

    /**
     * How quickly the follow-ups happen. The demo's are short so that a user sees an email confirmed or
     * a link reported as abandoned within a minute or two; tests use shorter ones still.
     */
    public record Timing(Duration eventsPoll, Duration emailConfirmTimeout, Duration linkAbandonWindow,
            Duration sweepInterval, Duration keyWait) {

        public static final Timing DEMO = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2),
                Duration.ofMinutes(1), Duration.ofSeconds(60));

        /** As the demo's, but a command encrypted with a key the bot lacks waits only {@code keyWait} for it. */
        public Timing withKeyWait(Duration wait) {
            return new Timing(eventsPoll, emailConfirmTimeout, linkAbandonWindow, sweepInterval, wait);
        }
    }

    /** @param statePath where the bot keeps its state file */
    public static DemoWorld start(Path statePath) throws ConfigException {
        return start(statePath, Timing.DEMO);
    }

    /** As Element creates a private room: the admin room is end-to-end encrypted, as in {@code invitebot demo}. */
    public static DemoWorld startEncrypted(Path statePath) throws ConfigException {
        return start(statePath, Timing.DEMO, ReceiveMode.JSON_RPC, true);
    }

    public static DemoWorld start(Path statePath, Timing timing) throws ConfigException {
        return start(statePath, timing, ReceiveMode.JSON_RPC);
    }

    /** @param signalMode how the Signal stand-in hands over incoming messages, and so how the bot receives them */
    public static DemoWorld start(Path statePath, Timing timing, ReceiveMode signalMode) throws ConfigException {
        return start(statePath, timing, signalMode, false);
    }

    private static DemoWorld start(Path statePath, Timing timing, ReceiveMode signalMode, boolean encryptedAdmins)
            throws ConfigException {
        FakeAuthentik authentik = FakeAuthentik.start();
        authentik.addFlow(FLOW, "enrollment");
        for (String group : new String[] {"authentik Admins", "media-admins", "media-users", "ai-users", "cloud-users",
                "communication-users"}) {
            authentik.addGroup(group);
        }
        authentik.addUser("invitebot", "invitebot service account", "invitebot@example.org", true);
        authentik.addToken(AUTHENTIK_TOKEN, "invitebot");
        authentik.addUser("admin", "Alice Admin", "admin@example.org", true, "authentik Admins");
        authentik.addUser("bob", "Bob Member", "bob@example.org", true, "media-users");
        authentik.addUser("carol", "Carol Curator", "carol@example.org", true, "media-admins");

        FakeHomeserver homeserver = FakeHomeserver.start(SERVER);
        String botToken = homeserver.registerUser(BOT);
        homeserver.registerUser(ADMIN);
        homeserver.registerUser(BOB);
        homeserver.registerUser(CAROL);
        String admins = homeserver.createRoom(ADMIN, "admins", encryptedAdmins);
        String lobby = homeserver.createRoom(ADMIN, "lobby", false);
        String onboarding = homeserver.createRoom(ADMIN, "onboarding", false);
        for (String room : new String[] {admins, lobby, onboarding}) {
            homeserver.invite(room, ADMIN, BOT);
            for (String member : new String[] {BOB, CAROL}) {
                homeserver.invite(room, ADMIN, member);
                homeserver.join(room, member);
            }
        }
        FakeSignal signal = FakeSignal.start(BOT_PHONE, signalMode);
        String yaml = String.join("\n",
                "authentik:",
                "  url: " + authentik.baseUrl(),
                "  token: " + AUTHENTIK_TOKEN,
                "  enrollment_flow: " + FLOW,
                "  admin_groups: [authentik Admins, media-admins]",
                "  delegation:",
                "    media-admins: [media-users]",
                "matrix:",
                "  homeserver: " + homeserver.baseUrl(),
                "  user_id: \"" + BOT + "\"",
                "  access_token: " + botToken,
                "  rooms:",
                "    - id: \"" + admins + "\"",
                "      private: true",
                "    - id: \"" + lobby + "\"",
                "      private: false",
                "  notifications_room: \"" + onboarding + "\"",
                "  encryption:",
                "    key_wait: " + DurationText.format(timing.keyWait()),
                "invitations:",
                "  events_poll_interval: " + DurationText.format(timing.eventsPoll()),
                "  email_confirm_timeout: " + DurationText.format(timing.emailConfirmTimeout()),
                "  link_abandon_window: " + DurationText.format(timing.linkAbandonWindow()),
                "  sweep_interval: " + DurationText.format(timing.sweepInterval()),
                "requests:",
                "  rooms: [\"" + lobby + "\"]",
                "  requestable_groups: [media-users]",
                "signal:",
                "  enabled: true",
                "  url: " + signal.baseUrl(),
                "  number: \"" + BOT_PHONE + "\"",
                "  mode: " + signalMode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "  admins:",
                "    \"" + ADMIN_PHONE + "\": admin",
                "state:",
                "  path: " + statePath,
                "http:",
                "  port: " + freePort(),
                "");
        InvitebotConfig config = ConfigLoader.parse(yaml, Path.of("."), Map.of());
        return new DemoWorld(authentik, homeserver, signal, admins, encryptedAdmins, lobby, onboarding, yaml, config);
    }

    /** So that several demos, and the tests, can run side by side; the bot logs which one it took. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for /healthz", e);
        }
    }

    public FakeAuthentik authentik() {
        return authentik;
    }

    public FakeHomeserver homeserver() {
        return homeserver;
    }

    public FakeSignal signal() {
        return signal;
    }

    public String adminsRoom() {
        return adminsRoom;
    }

    /** Whether what is said in the room must be end-to-end encrypted. */
    public boolean isEncrypted(String roomId) {
        return adminsEncrypted && roomId.equals(adminsRoom);
    }

    public String lobbyRoom() {
        return lobbyRoom;
    }

    /** The configuration as a file would hold it, tokens included: for running the bot in its own process. */
    public String configYaml() {
        return configYaml;
    }

    /** Where enrollments are announced. */
    public String onboardingRoom() {
        return onboardingRoom;
    }

    public InvitebotConfig config() {
        return config;
    }

    @Override
    public void close() {
        signal.close();
        homeserver.close();
        authentik.close();
    }
}
