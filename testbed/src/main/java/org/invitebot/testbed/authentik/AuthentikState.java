package org.invitebot.testbed.authentik;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What the Authentik stand-in holds. Every method is synchronized: the web server answers on several threads. */
final class AuthentikState {

    /** The superuser group of a default install. */
    static final String SUPERUSER_GROUP = "authentik Admins";

    /** @param stages the bound stages' model names ({@code app.model}), in binding order */
    record Flow(UUID pk, String slug, String designation, List<String> stages) {
    }

    record Group(UUID pk, int numPk, String name) {

        boolean isSuperuser() {
            return name.equals(SUPERUSER_GROUP);
        }
    }

    /** A user; its attributes and groups change, so it is only read while holding the state's lock or as a {@link #copy()}. */
    static final class User {
        final int pk;
        final UUID uuid;
        final String uid;
        final String username;
        final String name;
        final String email;
        final boolean active;
        final Instant joined;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Set<UUID> groups = new LinkedHashSet<>();

        private User(int pk, UUID uuid, String uid, String username, String name, String email, boolean active, Instant joined) {
            this.pk = pk;
            this.uuid = uuid;
            this.uid = uid;
            this.username = username;
            this.name = name;
            this.email = email;
            this.active = active;
            this.joined = joined;
        }

        private User copy() {
            User copy = new User(pk, uuid, uid, username, name, email, active, joined);
            copy.attributes.putAll(attributes);
            copy.groups.addAll(groups);
            return copy;
        }
    }

    private final Clock clock;
    private final String installId = UUID.randomUUID().toString();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final Map<UUID, Group> groups = new LinkedHashMap<>();
    private final Map<Integer, User> users = new LinkedHashMap<>();
    private final Map<String, Integer> tokens = new LinkedHashMap<>();
    private final Map<UUID, StoredInvitation> invitations = new LinkedHashMap<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private final List<Consumer<StoredEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private int nextUserPk = 1;
    private int nextGroupNumPk = 1;

    AuthentikState(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    synchronized UUID addFlow(String slug, String designation, List<String> stages) {
        if (flows.containsKey(slug)) {
            throw new IllegalArgumentException("there is a flow " + slug + " already; slugs are unique");
        }
        Flow flow = new Flow(UUID.randomUUID(), slug, designation, List.copyOf(stages));
        flows.put(slug, flow);
        return flow.pk();
    }

    synchronized List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    synchronized Optional<Flow> flow(String slug) {
        return Optional.ofNullable(flows.get(slug));
    }

    synchronized Optional<Flow> flow(UUID pk) {
        return flows.values().stream().filter(flow -> flow.pk().equals(pk)).findFirst();
    }

    synchronized UUID addGroup(String name) {
        if (groups.values().stream().anyMatch(group -> group.name().equals(name))) {
            throw new IllegalArgumentException("there is a group " + name + " already; names are unique");
        }
        Group group = new Group(UUID.randomUUID(), nextGroupNumPk++, name);
        groups.put(group.pk(), group);
        return group.pk();
    }

    synchronized Optional<Group> group(UUID pk) {
        return Optional.ofNullable(groups.get(pk));
    }

    /** Ordered by name, as Authentik lists them. */
    synchronized List<Group> groups(Predicate<Group> filter) {
        return groups.values().stream().filter(filter).sorted(Comparator.comparing(Group::name)).toList();
    }

    synchronized int addUser(String username, String name, String email, boolean active, String... groupNames) {
        if (users.values().stream().anyMatch(user -> user.username.equals(username))) {
            throw new IllegalArgumentException("there is a user " + username + " already; usernames are unique");
        }
        int pk = nextUserPk++;
        User user = new User(pk, UUID.randomUUID(), uid(pk), username, name, email, active, clock.instant());
        for (String groupName : groupNames) {
            user.groups.add(groupNamed(groupName).pk());
        }
        users.put(user.pk, user);
        return user.pk;
    }

    synchronized Optional<User> user(int pk) {
        return Optional.ofNullable(users.get(pk)).map(User::copy);
    }

    synchronized User userNamed(String username) {
        return liveUserNamed(username).copy();
    }

    /** Ordered by username, as Authentik lists them. */
    synchronized List<User> users(Predicate<User> filter) {
        return users.values().stream().filter(filter).sorted(Comparator.comparing(user -> user.username)).map(User::copy).toList();
    }

    synchronized void setUserAttribute(String username, String key, Object value) {
        liveUserNamed(username).attributes.put(key, value);
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
        liveUserNamed(username).groups.forEach(pk -> names.add(groups.get(pk).name()));
        return names;
    }

    synchronized void addToken(String key, String username) {
        if (tokens.containsKey(key)) {
            throw new IllegalArgumentException("that token key is taken; keys are unique");
        }
        tokens.put(key, liveUserNamed(username).pk);
    }

    /** The user a token of intent {@code api} belongs to, active or not. */
    synchronized Optional<User> tokenOwner(String key) {
        return Optional.ofNullable(tokens.get(key)).map(users::get).map(User::copy);
    }

    synchronized StoredInvitation addInvitation(StoredInvitation invitation) {
        liveUserNamed(invitation.createdBy());
        invitations.put(invitation.pk(), invitation);
        // the audit middleware logs every object created through the API (API-NOTES §3)
        recordEvent("model_created", modelContext(invitation), invitation.createdBy());
        return invitation;
    }

    synchronized Optional<StoredInvitation> invitation(UUID pk) {
        return Optional.ofNullable(invitations.get(pk));
    }

    /** In creation order. */
    synchronized List<StoredInvitation> invitations() {
        return List.copyOf(invitations.values());
    }

    synchronized boolean deleteInvitation(UUID pk, String byUsername) {
        StoredInvitation removed = invitations.remove(pk);
        if (removed != null) {
            recordEvent("model_deleted", modelContext(removed), byUsername);
        }
        return removed != null;
    }

    synchronized StoredEvent recordEvent(String action, Map<String, Object> context, String username) {
        if (username != null) {
            liveUserNamed(username);
        }
        StoredEvent event = new StoredEvent(UUID.randomUUID(), action, Map.copyOf(context), username, clock.instant());
        events.add(event);
        eventListeners.forEach(listener -> listener.accept(event));
        return event;
    }

    /** Called with each event as it is recorded, as Authentik's notification rules are. */
    void addEventListener(Consumer<StoredEvent> listener) {
        eventListeners.add(listener);
    }

    /** Oldest first; events recorded in the same instant stay in recording order. */
    synchronized List<StoredEvent> events() {
        return List.copyOf(events);
    }

    private User liveUserNamed(String username) {
        return users.values().stream().filter(user -> user.username.equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + username + "; addUser it first"));
    }

    private Group groupNamed(String name) {
        return groups.values().stream().filter(group -> group.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + name + "; addGroup it first"));
    }

    /** Like Authentik's default {@code uid}: a SHA-256 of the user's id and the install's id. */
    private String uid(int pk) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((pk + "-" + installId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The context the audit middleware gives an invitation's model events: pk as hex without dashes. */
    private static Map<String, Object> modelContext(StoredInvitation invitation) {
        return Map.of("model", Map.of(
                "app", "authentik_stages_invitation",
                "model_name", "invitation",
                "pk", invitation.pk().toString().replace("-", ""),
                "name", invitation.name()));
    }
}
