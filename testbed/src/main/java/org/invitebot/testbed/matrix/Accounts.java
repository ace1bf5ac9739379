package org.invitebot.testbed.matrix;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Registered users, their sessions (an access token and a device each), and their uploaded filters. */
final class Accounts {

    private static final Pattern USER_ID = Pattern.compile("@[a-z0-9._=/+-]+:(.+)");
    private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /**
     * Who an access token belongs to.
     *
     * @param otherClient a device added for a client other than the one under test, which may use the deprecated
     *                    {@code access_token} query parameter as Synapse allows
     */
    record Session(String userId, String deviceId, String accessToken, boolean otherClient) {
    }

    private final String serverName;
    private final Random random;
    private final Map<String, Session> byUser = new ConcurrentHashMap<>();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Map<String, List<String>> devices = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonNode>> filters = new ConcurrentHashMap<>();

    Accounts(String serverName, Random random) {
        this.serverName = serverName;
        this.random = random;
    }

    /** Registers {@code userId} and returns its access token. */
    String register(String userId) {
        var matcher = USER_ID.matcher(userId);
        if (!matcher.matches() || !matcher.group(1).equals(serverName)) {
            throw new IllegalArgumentException("cannot register " + userId + ": a local user ID looks like @name:" + serverName);
        }
        Session session = new Session(userId, randomText(10).toUpperCase(Locale.ROOT), "syt_" + randomText(32), false);
        if (byUser.putIfAbsent(userId, session) != null) {
            throw new IllegalArgumentException(userId + " is already registered");
        }
        byToken.put(session.accessToken(), session);
        devices.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(session.deviceId());
        return session.accessToken();
    }

    /** A new device of a registered user, as a login makes one; returns its access token. */
    String addDevice(String userId, String deviceId) {
        if (!isRegistered(userId)) {
            throw new IllegalArgumentException(userId + " is not registered");
        }
        List<String> own = devices.get(userId);
        if (own.contains(deviceId)) {
            throw new IllegalArgumentException(userId + " already has device " + deviceId);
        }
        Session session = new Session(userId, deviceId, "syt_" + randomText(32), true);
        byToken.put(session.accessToken(), session);
        own.add(deviceId);
        return session.accessToken();
    }

    /** Every user's device IDs. */
    Map<String, List<String>> devices() {
        Map<String, List<String>> copy = new HashMap<>();
        devices.forEach((user, ids) -> copy.put(user, List.copyOf(ids)));
        return copy;
    }

    boolean isRegistered(String userId) {
        return byUser.containsKey(userId);
    }

    Optional<Session> byToken(String accessToken) {
        return Optional.ofNullable(byToken.get(accessToken));
    }

    /** Stores a filter and returns its ID, which, as the spec demands, never starts with '{'. */
    String addFilter(String userId, JsonNode filter) {
        Map<String, JsonNode> own = filters.computeIfAbsent(userId, user -> new ConcurrentHashMap<>());
        synchronized (own) {
            String id = Integer.toString(own.size());
            own.put(id, filter);
            return id;
        }
    }

    Optional<JsonNode> filter(String userId, String filterId) {
        return Optional.ofNullable(filters.getOrDefault(userId, Map.of()).get(filterId));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return text.toString();
    }
}
