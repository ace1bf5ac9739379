package org.invitebot.core.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code authentik:} section.
 *
 * @param url             the Authentik site, without a trailing slash
 * @param enrollmentFlow  slug of the flow invitations are bound to
 * @param adminGroups     members of any of these groups may run commands
 * @param invitableGroups group name → what it grants, in the order of the file (shown by {@code !groups})
 * @param delegation      admin group → the groups its members may grant; an admin group not listed may
 *                        grant every invitable group
 */
public record AuthentikSettings(
        URI url,
        Secret token,
        String enrollmentFlow,
        List<String> adminGroups,
        UserMapping userMapping,
        Map<String, String> invitableGroups,
        Map<String, List<String>> delegation) {

    public AuthentikSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(enrollmentFlow, "enrollmentFlow");
        adminGroups = List.copyOf(adminGroups);
        Objects.requireNonNull(userMapping, "userMapping");
        invitableGroups = Collections.unmodifiableMap(new LinkedHashMap<>(invitableGroups));
        Map<String, List<String>> delegated = new LinkedHashMap<>();
        delegation.forEach((group, grantable) -> delegated.put(group, List.copyOf(grantable)));
        delegation = Collections.unmodifiableMap(delegated);
    }
}
