package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.invitebot.core.config.ConfigFixtures.AUTHENTIK_TOKEN;
import static org.invitebot.core.config.ConfigFixtures.BASE_DIR;
import static org.invitebot.core.config.ConfigFixtures.ENVIRONMENT;
import static org.invitebot.core.config.ConfigFixtures.MATRIX_TOKEN;
import static org.invitebot.core.config.ConfigFixtures.MINIMAL;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;
import static org.invitebot.core.config.ConfigFixtures.parse;
import static org.invitebot.core.config.ConfigFixtures.problemsOf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final Map<String, String> RUNBOOK_GROUPS = runbookGroups();

    static final AuthentikSettings AUTHENTIK = new AuthentikSettings(URI.create("https://auth.example.org"),
            new Secret(AUTHENTIK_TOKEN), "invitation-enrollment", List.of("authentik Admins"),
            new UserMapping.Localpart(), RUNBOOK_GROUPS, Map.of());
    static final InvitationSettings INVITATIONS = new InvitationSettings(Duration.ofDays(7), Duration.ofHours(48),
            Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(120),
            Duration.ofSeconds(10), Duration.ofMinutes(30));
    static final StateSettings STATE = new StateSettings(Path.of("/etc/invitebot/data/invitebot.db"));
    static final HttpSettings HTTP = new HttpSettings(8081);
    static final LoggingSettings LOGGING = new LoggingSettings(LogFormat.TEXT);

    @Test
    void theSpecExampleLoadsAsWritten() throws Exception {
        InvitebotConfig config = parse(resource("config/full.yaml"));

        assertThat(config).isEqualTo(new InvitebotConfig(
                AUTHENTIK,
                INVITATIONS,
                new MatrixSettings(URI.create("https://matrix.example.org"), "@invitebot:example.org",
                        new Secret(MATRIX_TOKEN), List.of("example.org"), "!",
                        List.of(new RoomSettings("!admins:example.org", true)),
                        Optional.of("!onboarding:example.org"), EncryptionSettings.defaults(), Optional.empty(), true),
                new SignalSettings(false, URI.create("http://127.0.0.1:8080"), Optional.of(new Secret("+15550000000")),
                        SignalMode.JSON_RPC, Map.of()),
                RequestSettings.off(), STATE, HTTP, LOGGING));
        assertThat(config.authentik().invitableGroups().keySet())
                .containsExactly("media-users", "ai-users", "cloud-users", "communication-users");
    }

    @Test
    void aMinimalConfigurationGetsTheDefaultsOfTheSpecExample() throws Exception {
        InvitebotConfig config = parse(MINIMAL);

        assertThat(config).isEqualTo(new InvitebotConfig(
                AUTHENTIK,
                INVITATIONS,
                new MatrixSettings(URI.create("https://matrix.example.org"), "@invitebot:example.org",
                        new Secret(MATRIX_TOKEN), List.of("example.org"), "!", List.of(), Optional.empty(),
                        EncryptionSettings.defaults(), Optional.empty(), true),
                new SignalSettings(false, URI.create("http://127.0.0.1:8080"), Optional.empty(), SignalMode.JSON_RPC,
                        Map.of()),
                RequestSettings.off(), STATE, HTTP, LOGGING));
        assertThat(config.authentik().invitableGroups().keySet())
                .containsExactly("media-users", "ai-users", "cloud-users", "communication-users");
    }

    @Test
    void everyOptionCanDifferFromItsDefault() throws Exception {
        InvitebotConfig config = parse(minimalWith("""
                authentik:
                  url: https://example.org/authentik/
                  enrollment_flow: friends-enrollment
                  admin_groups: [authentik Admins, helpdesk]
                  user_mapping: attribute:matrix_id
                  invitable_groups: {media-users: Jellyfin, chat-users: }
                  delegation: {helpdesk: [chat-users]}
                invitations: {default_expiry_email: 2w, default_expiry_link: 1d, min_expiry: 1h, max_expiry: 8w,
                              sweep_interval: 15m, email_confirm_timeout: 60s}
                matrix:
                  homeserver: http://synapse:8008/
                  user_id: "@bot:chat.example.org"
                  trusted_servers: [chat.example.org, "other.example.org:8448"]
                  command_prefix: "?!"
                  rooms: [{id: "!admins:chat.example.org", private: true}, {id: "!lobby:chat.example.org"}]
                signal:
                  enabled: true
                  url: http://signal-api:8080
                  number: "+15550000000"
                  mode: native
                  admins: {"+15551234567": alice}
                state: {path: /var/lib/invitebot/state.db}
                http: {port: 9090}
                logging: {format: json}
                """));

        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("media-users", "Jellyfin");
        groups.put("chat-users", "");
        assertThat(config.authentik()).isEqualTo(new AuthentikSettings(URI.create("https://example.org/authentik"),
                new Secret(AUTHENTIK_TOKEN), "friends-enrollment", List.of("authentik Admins", "helpdesk"),
                new UserMapping.Attribute("matrix_id"), groups, Map.of("helpdesk", List.of("chat-users"))));
        assertThat(config.invitations()).isEqualTo(new InvitationSettings(Duration.ofDays(14), Duration.ofDays(1),
                Duration.ofHours(1), Duration.ofDays(56), Duration.ofMinutes(15), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofMinutes(30)));
        assertThat(config.matrix()).isEqualTo(new MatrixSettings(URI.create("http://synapse:8008"),
                "@bot:chat.example.org", new Secret(MATRIX_TOKEN), List.of("chat.example.org", "other.example.org:8448"),
                "?!", List.of(new RoomSettings("!admins:chat.example.org", true),
                        new RoomSettings("!lobby:chat.example.org", false)), Optional.empty(), EncryptionSettings.defaults(),
                Optional.empty(), true));
        assertThat(config.signal()).isEqualTo(new SignalSettings(true, URI.create("http://signal-api:8080"),
                Optional.of(new Secret("+15550000000")), SignalMode.NATIVE, Map.of("+15551234567", "alice")));
        assertThat(config.state().path()).isEqualTo(Path.of("/var/lib/invitebot/state.db"));
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.logging().format()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void theTrustedServerDefaultsToTheBotsOwnServerIncludingItsPort() throws Exception {
        InvitebotConfig config = parse(minimalWith("matrix: {user_id: \"@invitebot:matrix.example.org:8448\"}"));

        assertThat(config.matrix().trustedServers()).containsExactly("matrix.example.org:8448");
    }

    @Test
    void roomIdsWithoutAServerPartAreAcceptedForRoomVersion12() throws Exception {
        InvitebotConfig config = parse(minimalWith("matrix: {rooms: [{id: \"!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM\"}]}"));

        assertThat(config.matrix().rooms()).extracting(RoomSettings::id)
                .containsExactly("!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM");
    }

    @Test
    void loadResolvesRelativePathsAgainstTheFilesDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/matrix_token"), MATRIX_TOKEN + "\n");
        Path file = dir.resolve("invitebot.yaml");
        Files.writeString(file, minimalWith("""
                matrix: {access_token: ~, access_token_file: secrets/matrix_token}
                state: {path: state/bot.db}
                """));

        InvitebotConfig config = ConfigLoader.load(file, ENVIRONMENT);

        assertThat(config.matrix().accessToken().reveal()).isEqualTo(MATRIX_TOKEN);
        assertThat(config.state().path()).isEqualTo(dir.resolve("state/bot.db"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void malformedYamlIsReportedByLineAndColumn() {
        assertThat(problemsOf("authentik:\n  url: https://auth.example.org\n  admin_groups: [authentik Admins\n"))
                .containsExactly("line 4, column 1: not valid YAML: expected ',' or ']', but got <stream end>");
    }

    @Test
    void aKeyGivenTwiceIsReportedByLineAndColumn() {
        assertThat(problemsOf("matrix:\n  user_id: \"@a:example.org\"\n  user_id: \"@b:example.org\"\n"))
                .containsExactly("line 3, column 10: not valid YAML: duplicate key 'user_id'");
    }

    @Test
    void anEmptyFileIsMissingEveryRequiredKey() {
        assertThat(problemsOf("# nothing yet\n")).containsExactly(
                "authentik.url: missing; expected an http(s) URL like https://auth.example.org",
                "authentik.token: missing; set token or token_file",
                "matrix.homeserver: missing; expected an http(s) URL like https://matrix.example.org",
                "matrix.user_id: missing; expected a Matrix user ID like @invitebot:example.org",
                "matrix.access_token: missing; set access_token or access_token_file");
    }

    @Test
    void aFileThatIsNotAMapSaysWhatItShouldBe() {
        assertThat(problemsOf("- authentik\n- matrix\n")).containsExactly(
                "(top level): expected a map with the keys authentik, invitations, matrix, signal, requests, state, http, logging");
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        assertThat(problemsOf(minimalWith("""
                authentik: {user_mapping: email}
                invitations: {min_expiry: 10 minutes}
                matrix: {romos: [], rooms: [{id: admins}]}
                http: {port: 0}
                """))).containsExactly(
                "authentik.user_mapping: expected localpart or attribute:<name>, got \"email\"",
                "invitations.min_expiry: expected a duration like 30m, 12h, 7d or 2w, got \"10 minutes\"",
                "matrix.romos: unknown key; expected one of homeserver, user_id, access_token, access_token_file,"
                        + " trusted_servers, command_prefix, rooms, notifications_room, encryption, password, password_file, reactions",
                "matrix.rooms[0].id: expected a room ID like !abc:example.org, got \"admins\"",
                "http.port: expected a port number from 1 to 65535, got \"0\"");
    }

    @Test
    void collectionsInTheRecordsCannotBeChanged() throws Exception {
        InvitebotConfig config = parse(MINIMAL);

        assertThatThrownBy(() -> config.authentik().invitableGroups().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.authentik().adminGroups().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.matrix().rooms().add(new RoomSettings("!x:y", false)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, String> runbookGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("media-users", "Jellyfin, Jellyseer, PeerTube");
        groups.put("ai-users", "Open WebUI");
        groups.put("cloud-users", "Immich, Nextcloud");
        groups.put("communication-users", "Mailcow, Matrix");
        return groups;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
