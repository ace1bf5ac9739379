package org.invitebot.core.policy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.invitebot.core.command.Invite;
import org.invitebot.core.config.InvitationSettings;

/** Decides what an {@code !invite} means and whether it is allowed: mode, expiry, groups, name. Pure. */
public final class InvitationPolicy {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private final ExpiryPolicy expiry;
    private final Map<String, String> invitableGroups;
    private final boolean signalEnabled;

    public InvitationPolicy(InvitationSettings settings, Map<String, String> invitableGroups, boolean signalEnabled) {
        this.expiry = new ExpiryPolicy(settings);
        this.invitableGroups = Map.copyOf(invitableGroups);
        this.signalEnabled = signalEnabled;
    }

    /**
     * @param grantable the groups this sender may grant (the allow-list narrowed by delegation)
     */
    public Verdict<InvitationPlan> plan(Invite invite, Set<String> grantable, Instant now) {
        String stem = invite.displayName().orElseGet(() -> InvitationNames.localPart(invite.email().orElseThrow()));
        String baseName = InvitationNames.base(stem, YearMonth.from(now.atZone(ZoneOffset.UTC)));
        return mode(invite).then(delivery -> groups(invite, grantable).then(groups ->
                expiry.resolve(invite.expiry(), delivery, invite.multi(), now).map(expires -> new InvitationPlan(
                        delivery,
                        invite.email(),
                        invite.displayName(),
                        expires,
                        !invite.multi(),
                        groups,
                        baseName,
                        invite.signal(),
                        delivery == DeliveryMode.LINK || delivery == DeliveryMode.SIGNAL && invite.link()))));
    }

    private Verdict<DeliveryMode> mode(Invite invite) {
        if (invite.signal().isPresent()) {
            if (!signalEnabled) {
                return Verdict.refuse("Signal delivery is not configured");
            }
            if (!E164.matcher(invite.signal().get()).matches()) {
                return Verdict.refuse("--signal needs a phone number in international form like +15551234567");
            }
            return Verdict.accept(DeliveryMode.SIGNAL);
        }
        if (invite.email().isPresent() && !invite.link()) {
            return Verdict.accept(DeliveryMode.EMAIL);
        }
        return Verdict.accept(DeliveryMode.LINK);
    }

    private Verdict<List<String>> groups(Invite invite, Set<String> grantable) {
        List<String> chosen = new ArrayList<>();
        for (String typed : invite.groups()) {
            Optional<String> group = canonical(typed);
            if (group.isEmpty()) {
                boolean couldBeExpiry = invite.expiry().isEmpty() && chosen.isEmpty();
                return Verdict.refuse("group \"" + typed + "\" cannot be granted; expected "
                        + (couldBeExpiry ? "an expiry like 7d or " : "")
                        + "one of: " + String.join(", ", invitableGroups.keySet().stream().sorted().toList()));
            }
            if (!grantable.contains(group.get())) {
                return Verdict.refuse("you may not grant group \"" + group.get() + "\"; you may grant: "
                        + (grantable.isEmpty() ? "none" : String.join(", ", grantable.stream().sorted().toList())));
            }
            if (!chosen.contains(group.get())) {
                chosen.add(group.get());
            }
        }
        return Verdict.accept(chosen);
    }

    /** What each grantable group gives access to, as configured. */
    public Map<String, String> describe(Set<String> grantable) {
        Map<String, String> described = new LinkedHashMap<>();
        grantable.forEach(group -> described.put(group, invitableGroups.getOrDefault(group, "")));
        return described;
    }

    /** Group names are matched case-insensitively, since people type {@code Media-Users} too. */
    private Optional<String> canonical(String typed) {
        if (invitableGroups.containsKey(typed)) {
            return Optional.of(typed);
        }
        return invitableGroups.keySet().stream().filter(g -> g.equalsIgnoreCase(typed)).findFirst();
    }
}
