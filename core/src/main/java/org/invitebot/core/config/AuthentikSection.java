package org.invitebot.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code authentik:} section. */
final class AuthentikSection {

    private static final List<String> KEYS = List.of("url", "token", "token_file", "enrollment_flow", "admin_groups",
            "user_mapping", "invitable_groups", "delegation");

    // The groups of the manual runbook this bot replaces (SPEC §6).
    private static final Map<String, String> DEFAULT_INVITABLE_GROUPS = defaultInvitableGroups();

    private AuthentikSection() {
    }

    static Optional<AuthentikSettings> read(ConfigNode section, SecretReader secrets) {
        section.allowKeys(KEYS);
        URI url = section.at("url").required(Forms.httpUrl("https://auth.example.org"));
        Secret token = secrets.required(section, "token", Forms.TOKEN);
        String flow = section.at("enrollment_flow").as(Forms.FLOW_SLUG, "invitation-enrollment");
        List<String> adminGroups = adminGroups(section.at("admin_groups"));
        UserMapping mapping = section.at("user_mapping").as(Forms.USER_MAPPING, new UserMapping.Localpart());
        Map<String, String> invitable = invitableGroups(section.at("invitable_groups"));
        Map<String, List<String>> delegation = delegation(section.at("delegation"), adminGroups, invitable.keySet());
        return section.ifValid(
                () -> new AuthentikSettings(url, token, flow, adminGroups, mapping, invitable, delegation));
    }

    private static List<String> adminGroups(ConfigNode node) {
        List<String> groups = node.listOf(Forms.GROUP_NAME, "a list of group names", List.of("authentik Admins"));
        if (groups.isEmpty() && node.valid()) {
            node.problem("expected at least one group name: nobody could run commands");
        }
        return groups;
    }

    private static Map<String, String> invitableGroups(ConfigNode node) {
        if (!node.isSet()) {
            return DEFAULT_INVITABLE_GROUPS;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        node.entries("a map of group name to what it grants")
                .forEach((group, grants) -> groups.put(group, grants.as(Forms.DESCRIPTION, "")));
        return groups;
    }

    private static Map<String, List<String>> delegation(ConfigNode node, List<String> adminGroups,
            Set<String> invitableGroups) {
        Map<String, List<String>> delegation = new LinkedHashMap<>();
        node.entries("a map of admin group to a list of groups its members may grant").forEach((group, grants) -> {
            if (!adminGroups.contains(group)) {
                grants.problem("expected a group from admin_groups (" + String.join(", ", adminGroups) + ")");
            }
            List<String> grantable = new ArrayList<>();
            for (ConfigNode grant : grants.elements("a list of groups from invitable_groups")) {
                String name = grant.required(Forms.GROUP_NAME);
                if (name != null && !invitableGroups.contains(name)) {
                    grant.problem("expected a group from invitable_groups (" + String.join(", ", invitableGroups)
                            + "), got \"" + name + "\"");
                }
                grantable.add(name);
            }
            delegation.put(group, grantable);
        });
        return delegation;
    }

    private static Map<String, String> defaultInvitableGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("media-users", "Jellyfin, Jellyseer, PeerTube");
        groups.put("ai-users", "Open WebUI");
        groups.put("cloud-users", "Immich, Nextcloud");
        groups.put("communication-users", "Mailcow, Matrix");
        return Collections.unmodifiableMap(groups);
    }
}
