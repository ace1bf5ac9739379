package org.invitebot.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.invitebot.core.command.Invite;
import org.invitebot.core.config.InvitationSettings;

class InvitationPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final InvitationSettings SETTINGS = new InvitationSettings(Duration.ofDays(7), Duration.ofHours(48),
            Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(120),
            Duration.ofSeconds(10), Duration.ofMinutes(30));
    static final Map<String, String> GROUPS = Map.of(
            "media-users", "Jellyfin, Jellyseer, PeerTube",
            "ai-users", "Open WebUI",
            "cloud-users", "Immich, Nextcloud",
            "communication-users", "Mailcow, Matrix");

    final InvitationPolicy policy = new InvitationPolicy(SETTINGS, GROUPS, false);

    static Invite email(String address, String expiry, String... groups) {
        return new Invite(Optional.of(address), Optional.empty(), Optional.ofNullable(expiry), List.of(groups),
                false, false, Optional.empty());
    }

    static Invite named(String name, String expiry, String... groups) {
        return new Invite(Optional.empty(), Optional.of(name), Optional.ofNullable(expiry), List.of(groups),
                false, false, Optional.empty());
    }

    InvitationPlan accepted(Invite invite) {
        Verdict<InvitationPlan> verdict = policy.plan(invite, GROUPS.keySet(), NOW);
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted<InvitationPlan>) verdict).value();
    }

    String refusal(Invite invite, Set<String> grantable) {
        Verdict<InvitationPlan> verdict = policy.plan(invite, grantable, NOW);
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused<InvitationPlan>) verdict).reason();
    }

    @Test
    void emailInviteIsSingleUseEmailModeWithRunbookName() {
        InvitationPlan plan = accepted(email("jane.smith@example.com", "7d", "media-users"));
        assertThat(plan.mode()).isEqualTo(DeliveryMode.EMAIL);
        assertThat(plan.singleUse()).isTrue();
        assertThat(plan.expires()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(plan.groups()).containsExactly("media-users");
        assertThat(plan.baseName()).isEqualTo("jane-smith-2026-11");
    }

    @Test
    void defaultsFollowTheRunbook() {
        assertThat(accepted(email("jane@example.com", null)).expires()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(accepted(named("Jane Smith", null)).expires()).isEqualTo(NOW.plus(Duration.ofHours(48)));
    }

    @Test
    void quotedNameIsLinkModeAndNamesTheInvitation() {
        InvitationPlan plan = accepted(named("Zoë Ångström", "48h", "ai-users"));
        assertThat(plan.mode()).isEqualTo(DeliveryMode.LINK);
        assertThat(plan.baseName()).isEqualTo("zoe-angstrom-2026-11");
    }

    @Test
    void linkFlagKeepsTheAddressButChoosesLinkMode() {
        Invite invite = new Invite(Optional.of("jane@example.com"), Optional.empty(), Optional.empty(), List.of(),
                true, false, Optional.empty());
        InvitationPlan plan = accepted(invite);
        assertThat(plan.mode()).isEqualTo(DeliveryMode.LINK);
        assertThat(plan.email()).contains("jane@example.com");
    }

    @Test
    void multiNeedsAnExplicitShortExpiry() {
        Invite noExpiry = new Invite(Optional.empty(), Optional.of("Beta testers"), Optional.empty(), List.of(),
                false, true, Optional.empty());
        assertThat(refusal(noExpiry, GROUPS.keySet())).contains("--multi needs an explicit expiry");
        Invite week = new Invite(Optional.empty(), Optional.of("Beta testers"), Optional.of("7d"), List.of(),
                false, true, Optional.empty());
        assertThat(refusal(week, GROUPS.keySet())).contains("at most 48h");
        Invite day = new Invite(Optional.empty(), Optional.of("Beta testers"), Optional.of("24h"), List.of(),
                false, true, Optional.empty());
        assertThat(accepted(day).singleUse()).isFalse();
    }

    static Stream<Arguments> refusedExpiries() {
        return Stream.of(
                Arguments.of("never", "not allowed: invitations without expiry are a security risk"),
                Arguments.of("forever", "not allowed"),
                Arguments.of("5m", "shorter than the minimum 10m"),
                Arguments.of("9m", "shorter than the minimum 10m"),
                Arguments.of("90d", "longer than the maximum 30d"),
                Arguments.of("31d", "longer than the maximum 30d"),
                Arguments.of("5w", "longer than the maximum 30d"),
                Arguments.of("abc1", "not understood; expected a duration like 30m, 12h, 7d or 2w, or a date like 2026-12-01"),
                Arguments.of("7x", "not understood"),
                Arguments.of("2026-11-01", "in the past"),
                Arguments.of("2027-06-01", "longer than the maximum 30d"),
                Arguments.of("2026-13-01", "not understood"));
    }

    @ParameterizedTest(name = "expiry {0} is refused")
    @MethodSource("refusedExpiries")
    void badExpiriesAreRefusedWithWhatWasExpected(String expiry, String expected) {
        assertThat(refusal(email("jane@example.com", expiry), GROUPS.keySet())).contains(expected);
    }

    static Stream<Arguments> acceptedExpiries() {
        return Stream.of(
                Arguments.of("10m", "2026-11-25T10:10:00Z"),
                Arguments.of("12h", "2026-11-25T22:00:00Z"),
                Arguments.of("2w", "2026-12-09T10:00:00Z"),
                Arguments.of("30d", "2026-12-25T10:00:00Z"),
                Arguments.of("2026-12-01", "2026-12-01T23:59:59Z"),
                Arguments.of("2026-12-01T18:00Z", "2026-12-01T18:00:00Z"),
                Arguments.of("2026-12-01T18:00", "2026-12-01T18:00:00Z"),
                Arguments.of("2026-12-01T19:00+01:00", "2026-12-01T18:00:00Z"));
    }

    @ParameterizedTest(name = "expiry {0} means {1}")
    @MethodSource("acceptedExpiries")
    void expiryFormsAreUnderstood(String expiry, String expected) {
        assertThat(accepted(email("jane@example.com", expiry)).expires()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void groupsOutsideTheAllowListAreRefusedNamingTheGroup() {
        assertThat(refusal(email("jane@example.com", "7d", "authentik Admins"), GROUPS.keySet()))
                .isEqualTo("group \"authentik Admins\" cannot be granted; expected one of: "
                        + "ai-users, cloud-users, communication-users, media-users");
    }

    @Test
    void aWordInTheExpiryPlaceMayHaveBeenMeantAsExpiry() {
        assertThat(refusal(email("jane@example.com", null, "abc"), GROUPS.keySet()))
                .startsWith("group \"abc\" cannot be granted; expected an expiry like 7d or one of: ai-users");
    }

    @Test
    void delegationNarrowsWhatMayBeGranted() {
        assertThat(refusal(email("jane@example.com", "7d", "ai-users"), Set.of("media-users")))
                .isEqualTo("you may not grant group \"ai-users\"; you may grant: media-users");
    }

    @Test
    void groupsAreMatchedIgnoringCaseAndDeduplicated() {
        assertThat(accepted(email("jane@example.com", "7d", "Media-Users", "media-users", "ai-users")).groups())
                .containsExactly("media-users", "ai-users");
    }

    @Test
    void signalIsRefusedWhileNotConfigured() {
        Invite invite = new Invite(Optional.empty(), Optional.of("Jane"), Optional.empty(), List.of(), false, false,
                Optional.of("+15551234567"));
        assertThat(refusal(invite, GROUPS.keySet())).isEqualTo("Signal delivery is not configured");
    }
}
