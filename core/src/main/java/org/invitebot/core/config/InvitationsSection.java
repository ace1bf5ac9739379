package org.invitebot.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.invitebot.core.policy.DurationText;

/** Reads the {@code invitations:} section. */
final class InvitationsSection {

    private static final List<String> KEYS = List.of("default_expiry_email", "default_expiry_link", "min_expiry",
            "max_expiry", "sweep_interval", "email_confirm_timeout", "events_poll_interval", "link_abandon_window");

    private InvitationsSection() {
    }

    static Optional<InvitationSettings> read(ConfigNode section) {
        section.allowKeys(KEYS);
        Duration email = positive(section.at("default_expiry_email"), Duration.ofDays(7));
        Duration link = positive(section.at("default_expiry_link"), Duration.ofHours(48));
        Duration min = positive(section.at("min_expiry"), Duration.ofMinutes(10));
        Duration max = positive(section.at("max_expiry"), Duration.ofDays(30));
        Duration sweep = positive(section.at("sweep_interval"), Duration.ofHours(1));
        Duration confirm = positive(section.at("email_confirm_timeout"), Duration.ofSeconds(120));
        Duration poll = positive(section.at("events_poll_interval"), Duration.ofSeconds(10));
        Duration abandon = positive(section.at("link_abandon_window"), Duration.ofMinutes(30));
        if (section.valid()) {
            checkOrder(section, min, max, email, link);
        }
        return section.ifValid(() -> new InvitationSettings(email, link, min, max, sweep, confirm, poll, abandon));
    }

    private static Duration positive(ConfigNode node, Duration fallback) {
        Duration duration = node.as(Forms.DURATION, fallback);
        if (duration.isZero()) {
            node.problem("expected a duration longer than 0");
        }
        return duration;
    }

    private static void checkOrder(ConfigNode section, Duration min, Duration max, Duration email, Duration link) {
        if (min.compareTo(max) > 0) {
            section.at("min_expiry").problem(DurationText.format(min) + " is longer than max_expiry ("
                    + DurationText.format(max) + ")");
            return;
        }
        checkWithin(section.at("default_expiry_email"), email, min, max);
        checkWithin(section.at("default_expiry_link"), link, min, max);
    }

    private static void checkWithin(ConfigNode node, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            node.problem(DurationText.format(value) + " is shorter than min_expiry (" + DurationText.format(min) + ")");
        } else if (value.compareTo(max) > 0) {
            node.problem(DurationText.format(value) + " is longer than max_expiry (" + DurationText.format(max) + ")");
        }
    }
}
