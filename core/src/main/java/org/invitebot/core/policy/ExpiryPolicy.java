package org.invitebot.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.invitebot.core.config.InvitationSettings;

/** Turns the expiry an admin typed into an instant within the configured bounds (SPEC §2, runbook "Expiry"). */
public final class ExpiryPolicy {

    /** {@code --multi} links are shared with many people, so they must die soon (SPEC §2). */
    public static final Duration MAX_MULTI_USE = Duration.ofHours(48);

    private static final Set<String> NEVER = Set.of("never", "forever", "none", "infinite");
    private static final String EXPECTED = DurationText.EXPECTED + ", or a date like 2026-12-01";

    private final InvitationSettings settings;

    public ExpiryPolicy(InvitationSettings settings) {
        this.settings = settings;
    }

    public Verdict<Instant> resolve(Optional<String> typed, DeliveryMode mode, boolean multi, Instant now) {
        if (typed.isEmpty()) {
            if (multi) {
                return Verdict.refuse("--multi needs an explicit expiry of at most 48h, like 24h");
            }
            Duration fallback = mode == DeliveryMode.EMAIL
                    ? settings.defaultExpiryEmail()
                    : settings.defaultExpiryLink();
            return Verdict.accept(now.plus(fallback).truncatedTo(ChronoUnit.SECONDS));
        }
        String text = typed.get().trim();
        if (NEVER.contains(text.toLowerCase(Locale.ROOT))) {
            return Verdict.refuse("expiry \"" + text + "\" is not allowed: invitations without expiry are a security risk"
                    + " (orphaned invitations stay usable); give one like 7d");
        }
        Optional<Instant> parsed = DurationText.parse(text).map(now::plus).or(() -> parseDate(text));
        if (parsed.isEmpty()) {
            return Verdict.refuse("expiry \"" + text + "\" not understood; expected " + EXPECTED);
        }
        Instant expires = parsed.get().truncatedTo(ChronoUnit.SECONDS);
        Duration span = Duration.between(now, expires);
        if (span.isNegative() || span.isZero()) {
            return Verdict.refuse("expiry \"" + text + "\" is in the past");
        }
        if (span.compareTo(settings.minExpiry()) < 0) {
            return Verdict.refuse("expiry \"" + text + "\" is shorter than the minimum "
                    + DurationText.format(settings.minExpiry()));
        }
        if (span.compareTo(settings.maxExpiry()) > 0) {
            return Verdict.refuse("expiry \"" + text + "\" is longer than the maximum "
                    + DurationText.format(settings.maxExpiry()));
        }
        if (multi && span.compareTo(MAX_MULTI_USE) > 0) {
            return Verdict.refuse("--multi links may live at most 48h; \"" + text + "\" is longer");
        }
        return Verdict.accept(expires);
    }

    /** A bare date means the end of that day in UTC: "valid until 2026-12-01" includes that day. */
    private static Optional<Instant> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));
        } catch (DateTimeParseException notADate) {
            // try the date-time forms below
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // a date-time without zone is read as UTC, the zone every reply shows
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            return Optional.empty();
        }
    }
}
