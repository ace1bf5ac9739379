package org.invitebot.core.config;

import java.util.Objects;

/**
 * One entry of {@code matrix.rooms}.
 *
 * @param isPrivate YAML key {@code private}: enrollment links may be posted in this room
 */
public record RoomSettings(String id, boolean isPrivate) {

    public RoomSettings {
        Objects.requireNonNull(id, "id");
    }
}
