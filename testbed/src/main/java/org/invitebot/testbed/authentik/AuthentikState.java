package org.invitebot.testbed.authentik;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** What the Authentik stand-in holds. Every method is synchronized: the web server answers on several threads. */
final class AuthentikState {

    static final String SUPERUSER_GROUP = "authentik Admins";

    record Flow(UUID pk, String slug, String designation) {
    }

    record Group(UUID pk, int numPk, String name, Map<String, Object> attributes) {

        boolean isSuperuser() {
            return name.equals(SUPERUSER_GROUP);
        }
    }

    static final class User {
        final int pk;
        final UUID uuid = UUID.randomUUID();
        final String username;
        final String name;
        final String email;
        final boolean active;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Set<UUID> groups = new LinkedHashSet<>();

        User(int pk, String username, String name, String email, boolean active) {
            this.pk = pk;
            this.username = username;
            this.name = name;
            this.email = email;
            this.active = active;
        }
    }

    private final Clock clock;
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final Map<UUID, Group> groups = new LinkedHashMap<>();
    private final Map<Integer, User> users = new LinkedHashMap<>();
    private final Map<String, Integer> tokens = new LinkedHashMap<>();
    private final Map<UUID, StoredInvitation> invitations = new LinkedHashMap<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private int nextUserPk = 1;
    private int nextGroupNumPk = 1;

    AuthentikState(Clock clock) {
        this.clock = clock;
    }

    synchronized UUID addFlow(String slug, String designation) {
        Flow flow = new Flow(UUID.randomUUID(), slug, designation);
        flows.put(slug, flow);
        return flow.pk();
    }

    synchronized Optional<Flow> flow(String slug) {
        return Optional.ofNullable(flows.get(slug));
    }

    synchronized Optional<Flow> flow(UUID pk) {
        return flows.values().stream().filter(flow -> flow.pk().equals(pk)).findFirst();
    }

    synchronized UUID addGroup(String name) {
        Group group = new Group(UUID.randomUUID(), nextGroupNumPk++, name, Map.of());
        groups.put(group.pk(), group);
        return group.pk();
    }

    synchronized Optional<Group> group(UUID pk) {
        return Optional.ofNullable(groups.get(pk));
    }

    synchronized List<Group> groups(Predicate<Group> filter) {
        return groups.values().stream().filter(filter).toList();
    }

    synchronized Group groupNamed(String name) {
        return groups.values().stream().filter(group -> group.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + name + "; addGroup it first"));
    }

    synchronized int addUser(String username, String name, String email, boolean active, String... groupNames) {
        User user = new User(nextUserPk++, username, name, email, active);
        for (String groupName : groupNames) {
            user.groups.add(groupNamed(groupName).pk());
        }
        users.put(user.pk, user);
        return user.pk;
    }

    synchronized Optional<User> user(int pk) {
        return Optional.ofNullable(users.get(pk));
    }

    synchronized User userNamed(String username) {
        return users.values().stream().filter(user -> user.username.equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + username + "; addUser it first"));
    }

    synchronized List<User> users(Predicate<User> filter) {
        return users.values().stream().filter(filter).toList();
    }

    synchronized void setUserAttribute(String username, String key, Object value) {
        userNamed(username).attributes.put(key, value);
    }

    synchronized boolean addToGroup(UUID group, int userPk) {
        User user = users.get(userPk);
        if (user == null || !groups.containsKey(group)) {
            return false;
        }
        user.groups.add(group);
        return true;
    }

    synchronized boolean removeFromGroup(UUID group, int userPk) {
        User user = users.get(userPk);
        if (user == null || !groups.containsKey(group)) {
            return false;
        }
        user.groups.remove(group);
        return true;
    }

    synchronized Set<String> groupNamesOf(String username) {
        Set<String> names = new LinkedHashSet<>();
        userNamed(username).groups.forEach(pk -> names.add(groups.get(pk).name()));
        return names;
    }

    synchronized void addToken(String key, String username) {
        tokens.put(key, userNamed(username).pk);
    }

    /** The active user a token belongs to; empty for an unknown token or an inactive user, as Authentik refuses both. */
    synchronized Optional<User> bearer(String key) {
        Integer pk = tokens.get(key);
        return pk == null ? Optional.empty() : Optional.ofNullable(users.get(pk)).filter(user -> user.active);
    }

    synchronized StoredInvitation addInvitation(StoredInvitation invitation) {
        invitations.put(invitation.pk(), invitation);
        recordEvent("model_created", modelContext("invitation", invitation), invitation.createdBy());
        return invitation;
    }

    synchronized Optional<StoredInvitation> invitation(UUID pk) {
        return Optional.ofNullable(invitations.get(pk));
    }

    synchronized List<StoredInvitation> invitations() {
        return List.copyOf(invitations.values());
    }

    synchronized boolean deleteInvitation(UUID pk, String byUsername) {
        StoredInvitation removed = invitations.remove(pk);
        if (removed != null) {
            recordEvent("model_deleted", modelContext("invitation", removed), byUsername);
        }
        return removed != null;
    }

    synchronized StoredEvent recordEvent(String action, Map<String, Object> context, String username) {
        StoredEvent event = new StoredEvent(UUID.randomUUID(), action, Map.copyOf(context), username, clock.instant());
        events.add(event);
        return event;
    }

    synchronized List<StoredEvent> events() {
        return List.copyOf(events);
    }

    private static Map<String, Object> modelContext(String modelName, StoredInvitation invitation) {
        return Map.of("model", Map.of(
                "app", "authentik_stages_invitation",
                "model_name", modelName,
                "pk", invitation.pk().toString().replace("-", ""),
                "name", invitation.name()));
    }
}
