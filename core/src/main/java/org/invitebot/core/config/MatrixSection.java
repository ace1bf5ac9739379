package org.invitebot.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code matrix:} section. */
final class MatrixSection {

    private static final List<String> KEYS = List.of("homeserver", "user_id", "access_token", "access_token_file",
            "trusted_servers", "command_prefix", "rooms", "notifications_room", "encryption", "password", "password_file", "reactions");
    private static final List<String> ENCRYPTION_KEYS = List.of("enabled", "pickle_key", "pickle_key_file", "key_wait",
            "trust");
    private static final List<String> ROOM_KEYS = List.of("id", "private");

    private MatrixSection() {
    }

    static Optional<MatrixSettings> read(ConfigNode section, SecretReader secrets) {
        section.allowKeys(KEYS);
        URI homeserver = section.at("homeserver").required(Forms.httpUrl("https://matrix.example.org"));
        String userId = section.at("user_id").required(Forms.MATRIX_USER_ID);
        Secret accessToken = secrets.required(section, "access_token", Forms.TOKEN);
        List<String> trustedServers = trustedServers(section.at("trusted_servers"), userId);
        String prefix = section.at("command_prefix").as(Forms.COMMAND_PREFIX, "!");
        List<RoomSettings> rooms = rooms(section.at("rooms"));
        ConfigNode notifications = section.at("notifications_room");
        checkQuoted(notifications);
        Optional<String> notificationsRoom = notifications.as(Forms.ROOM_ID);
        EncryptionSettings encryption = encryption(section.at("encryption"), secrets);
        Optional<Secret> password = secrets.read(section, "password", Forms.TOKEN);
        boolean reactions = section.at("reactions").as(Forms.BOOLEAN, true);
        return section.ifValid(() -> new MatrixSettings(homeserver, userId, accessToken, trustedServers, prefix, rooms,
                notificationsRoom, encryption, password, reactions));
    }

    private static EncryptionSettings encryption(ConfigNode section, SecretReader secrets) {
        if (!section.isSet()) {
            return EncryptionSettings.defaults();
        }
        section.allowKeys(ENCRYPTION_KEYS);
        boolean enabled = section.at("enabled").as(Forms.BOOLEAN, true);
        Optional<Secret> pickleKey = secrets.read(section, "pickle_key", Forms.TOKEN);
        ConfigNode waitNode = section.at("key_wait");
        Duration keyWait = waitNode.as(Forms.DURATION, EncryptionSettings.DEFAULT_KEY_WAIT);
        if (keyWait.isNegative() || keyWait.isZero()) {
            waitNode.problem("expected a positive duration like 60s");
        }
        DeviceTrust trust = section.at("trust").as(Forms.oneOf(DeviceTrust.class, DeviceTrust::configValue), DeviceTrust.CROSS_SIGNED);
        return new EncryptionSettings(enabled, pickleKey, keyWait, trust);
    }

    /** By default only the bot's own server is trusted. */
    private static List<String> trustedServers(ConfigNode node, String userId) {
        List<String> own = userId == null ? List.of() : List.of(userId.substring(userId.indexOf(':') + 1));
        List<String> servers = node.listOf(Forms.SERVER_NAME, "a list of server names like example.org", own);
        if (servers.isEmpty() && node.isSet() && node.valid()) {
            node.problem("expected at least one server name: nobody could run commands");
        }
        return servers;
    }

    /** An unquoted {@code !abc:example.org} is a YAML tag: what is left of the value is an empty string. */
    private static void checkQuoted(ConfigNode roomId) {
        if (roomId.isEmptyText()) {
            roomId.problem("expected a room ID in quotes, like \"!abc:example.org\""
                    + " (unquoted, YAML reads the ! as a tag)");
        }
    }

    private static List<RoomSettings> rooms(ConfigNode node) {
        List<RoomSettings> rooms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode room : node.elements("a list of rooms, each with an id and private: true or false")) {
            room.allowKeys(ROOM_KEYS);
            ConfigNode idNode = room.at("id");
            checkQuoted(idNode);
            String id = idNode.required(Forms.ROOM_ID);
            boolean isPrivate = room.at("private").as(Forms.BOOLEAN, false);
            if (id == null) {
                continue;
            }
            if (!seen.add(id)) {
                idNode.problem(id + " is listed more than once");
            }
            rooms.add(new RoomSettings(id, isPrivate));
        }
        return rooms;
    }
}
