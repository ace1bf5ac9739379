package org.invitebot.core.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code matrix:} section.
 *
 * @param homeserver        the client-server API base, without a trailing slash
 * @param trustedServers    senders from other servers are ignored
 * @param rooms             rooms where commands are accepted; may be empty
 * @param notificationsRoom where enrollments are announced
 * @param encryption        end-to-end encryption in rooms and DMs
 * @param password          the bot account's password, for the one request that asks for it: replacing its
 *                          cross-signing keys (User-Interactive Authentication)
 * @param reactions         whether the bot reacts to commands: ✅ done, ❌ refused or failed, ⏳ while it waits
 */
public record MatrixSettings(
        URI homeserver,
        String userId,
        Secret accessToken,
        List<String> trustedServers,
        String commandPrefix,
        List<RoomSettings> rooms,
        Optional<String> notificationsRoom,
        EncryptionSettings encryption,
        Optional<Secret> password,
        boolean reactions) {

    public MatrixSettings {
        Objects.requireNonNull(homeserver, "homeserver");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessToken, "accessToken");
        trustedServers = List.copyOf(trustedServers);
        Objects.requireNonNull(commandPrefix, "commandPrefix");
        rooms = List.copyOf(rooms);
        Objects.requireNonNull(notificationsRoom, "notificationsRoom");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(password, "password");
    }
}
