package org.invitebot.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code requests:} section; it needs the Matrix rooms and the invitable groups read before it. */
final class RequestsSection {

    private static final List<String> KEYS = List.of("enabled", "rooms", "approvers_room", "requester_groups",
            "requestable_groups", "max_per_requester_per_day", "expire_after");
    private static final Form<Integer> COUNT = Form.of("a whole number from 1 to 1000", text ->
            text.matches("[0-9]{1,4}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 1000
                    ? Optional.of(Integer.parseInt(text)) : Optional.empty());

    private RequestsSection() {
    }

    /**
     * @param matrix    for the default approvers' room, the first of {@code matrix.rooms}
     * @param invitable {@code authentik.invitable_groups}: what a request may ask for is a part of it
     */
    static Optional<RequestSettings> read(ConfigNode section, Optional<MatrixSettings> matrix, Set<String> invitable) {
        if (!section.isSet()) {
            return Optional.of(RequestSettings.off());
        }
        section.allowKeys(KEYS);
        boolean enabled = section.at("enabled").as(Forms.BOOLEAN, true);
        List<String> rooms = section.at("rooms").listOf(Forms.ROOM_ID, "a list of room IDs in quotes, like \"!abc:example.org\"",
                List.of());
        ConfigNode approversNode = section.at("approvers_room");
        Optional<String> firstAdminRoom = matrix.flatMap(settings -> settings.rooms().stream().findFirst()).map(RoomSettings::id);
        Optional<String> approvers = approversNode.as(Forms.ROOM_ID).or(() -> firstAdminRoom);
        if (enabled && approvers.isEmpty() && matrix.isPresent() && approversNode.valid()) {
            approversNode.problem("missing; expected the room ID where admins decide on requests (there is no room under"
                    + " matrix.rooms to take by default)");
        }
        List<String> requesterGroups = section.at("requester_groups").listOf(Forms.GROUP_NAME, "a list of group names", List.of());
        ConfigNode requestableNode = section.at("requestable_groups");
        List<String> requestable = requestableNode.listOf(Forms.GROUP_NAME, "a list of group names", List.of());
        List<String> unknown = requestable.stream().filter(group -> !invitable.contains(group)).toList();
        if (!unknown.isEmpty() && !invitable.isEmpty()) {
            requestableNode.problem(String.join(", ", unknown) + " not in authentik.invitable_groups ("
                    + String.join(", ", invitable) + ")");
        }
        int most = section.at("max_per_requester_per_day").as(COUNT, RequestSettings.DEFAULT_MAX_PER_DAY);
        ConfigNode expireNode = section.at("expire_after");
        Duration expireAfter = expireNode.as(Forms.DURATION, RequestSettings.DEFAULT_EXPIRE_AFTER);
        if (expireAfter.isZero()) {
            expireNode.problem("expected a duration longer than 0");
        }
        return section.ifValid(() -> new RequestSettings(enabled, rooms, approvers.orElse(""), requesterGroups, requestable,
                most, expireAfter));
    }
}
