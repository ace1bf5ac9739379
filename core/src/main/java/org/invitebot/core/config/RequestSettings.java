package org.invitebot.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code requests:} section: members ask for invitations, admins decide.
 *
 * @param enabled               whether {@code !request} is taken at all; true when the section is there
 * @param rooms                 Matrix rooms where members may type {@code !request}, besides a DM with the bot
 * @param approversRoom         where requests are posted for a decision
 * @param requesterGroups       when not empty, only members of one of these Authentik groups may request
 * @param requestableGroups     the groups a request may ask for; none by default
 * @param maxPerRequesterPerDay requests one member may make in 24 hours
 * @param expireAfter           how long a request waits for a decision before it is closed
 */
public record RequestSettings(boolean enabled, List<String> rooms, String approversRoom, List<String> requesterGroups,
        List<String> requestableGroups, int maxPerRequesterPerDay, Duration expireAfter) {

    public static final int DEFAULT_MAX_PER_DAY = 3;
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofDays(7);

    public RequestSettings {
        rooms = List.copyOf(rooms);
        requesterGroups = List.copyOf(requesterGroups);
        requestableGroups = List.copyOf(requestableGroups);
        Objects.requireNonNull(expireAfter, "expireAfter");
    }

    /** No {@code requests:} section: {@code !request} is refused. */
    public static RequestSettings off() {
        return new RequestSettings(false, List.of(), "", List.of(), List.of(), DEFAULT_MAX_PER_DAY, DEFAULT_EXPIRE_AFTER);
    }

    public Optional<String> approvers() {
        return enabled ? Optional.of(approversRoom) : Optional.empty();
    }
}
