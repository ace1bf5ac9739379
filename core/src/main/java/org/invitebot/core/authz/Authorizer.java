package org.invitebot.core.authz;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.config.UserMapping;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikUser;
import org.invitebot.core.privacy.Mask;

/**
 * Decides who may run commands (SPEC §3): a trusted homeserver, a mapped Authentik user that is
 * active and in an admin group. Decisions are cached briefly so a burst of commands costs one lookup;
 * a fault is never cached, so the next command asks Authentik again.
 */
public final class Authorizer {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    private final AuthentikSettings settings;
    private final Set<String> trustedServers;
    private final Authentik authentik;
    private final Cache<Principal, Authorization> decisions;
    private final Cache<Principal, Membership> memberships;

    public Authorizer(AuthentikSettings settings, List<String> trustedServers, Authentik authentik,
            Duration ttl, Ticker ticker) {
        this.settings = settings;
        this.trustedServers = Set.copyOf(trustedServers.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        this.authentik = authentik;
        this.decisions = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
        this.memberships = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
    }

    public Authorizer(AuthentikSettings settings, List<String> trustedServers, Authentik authentik) {
        this(settings, trustedServers, authentik, DEFAULT_TTL, Ticker.systemTicker());
    }

    /** @throws org.invitebot.core.port.AuthentikException when Authentik cannot be asked */
    public Authorization authorize(Principal principal) {
        return decisions.get(principal, this::decide);
    }

    private Authorization decide(Principal principal) {
        if (principal instanceof Principal.MatrixUser matrix) {
            return decideMatrix(matrix.userId());
        }
        if (principal instanceof Principal.SignalUser signal) {
            return authentik.userByUsername(signal.username()).map(this::admit)
                    .orElseGet(() -> new Authorization.Denied("no Authentik user " + signal.username()
                            + " (signal.admins maps " + Mask.phone(signal.number()) + " to it)"));
        }
        if (principal instanceof Principal.Operator operator) {
            return new Authorization.Allowed(new AuthentikUser(0, operator.account(), operator.account(), true, Set.of()),
                    List.of(), settings.invitableGroups().keySet());
        }
        throw new IllegalArgumentException("unknown kind of sender: " + principal.getClass().getSimpleName());
    }

    private Authorization decideMatrix(String userId) {
        Membership membership = mapMatrix(userId);
        if (membership instanceof Membership.Member member) {
            return admit(member.user());
        }
        return new Authorization.Denied(((Membership.NotMember) membership).why());
    }

    /**
     * Whether a Matrix user is a member: on a trusted server, mapped to an Authentik user that is active.
     * Members may ask for invitations; admins are members in an admin group.
     *
     * @throws org.invitebot.core.port.AuthentikException when Authentik cannot be asked
     */
    public Membership member(Principal principal) {
        return memberships.get(principal, this::decideMembership);
    }

    private Membership decideMembership(Principal principal) {
        if (!(principal instanceof Principal.MatrixUser matrix)) {
            return new Membership.NotMember(principal.display() + " is not a Matrix user");
        }
        Membership membership = mapMatrix(matrix.userId());
        if (membership instanceof Membership.Member member && !member.user().active()) {
            return new Membership.NotMember("Authentik user " + member.user().username() + " is inactive");
        }
        return membership;
    }

    private Membership mapMatrix(String userId) {
        Optional<MatrixId> id = MatrixId.parse(userId);
        if (id.isEmpty()) {
            return new Membership.NotMember("not a Matrix user ID");
        }
        if (!trustedServers.contains(id.get().server())) {
            return new Membership.NotMember("homeserver " + id.get().server() + " is not trusted");
        }
        // Synapse lower-cases localparts, so the Authentik username is compared in lower case
        Optional<AuthentikUser> user = settings.userMapping() instanceof UserMapping.Attribute attribute
                ? authentik.userByAttribute(attribute.name(), userId)
                : authentik.userByUsername(id.get().localpart().toLowerCase(Locale.ROOT));
        return user.<Membership>map(Membership.Member::new)
                .orElseGet(() -> new Membership.NotMember("no Authentik user maps to " + userId));
    }

    private Authorization admit(AuthentikUser user) {
        if (!user.active()) {
            return new Authorization.Denied("Authentik user " + user.username() + " is inactive",
                    Optional.of(user.username()));
        }
        List<String> adminGroups = settings.adminGroups().stream().filter(user.groups()::contains).toList();
        if (adminGroups.isEmpty()) {
            return new Authorization.Denied("Authentik user " + user.username() + " is in no admin group",
                    Optional.of(user.username()));
        }
        return new Authorization.Allowed(user, adminGroups, grantable(adminGroups));
    }

    /** The union over the user's admin groups; a group without a delegation entry may grant all. */
    private Set<String> grantable(List<String> adminGroups) {
        Set<String> grantable = new LinkedHashSet<>();
        for (String group : adminGroups) {
            grantable.addAll(settings.delegation().getOrDefault(group, List.copyOf(settings.invitableGroups().keySet())));
        }
        grantable.retainAll(settings.invitableGroups().keySet());
        return grantable;
    }
}
