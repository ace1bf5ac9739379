package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The end-to-end encryption side of the homeserver (keys.yaml, to_device.yaml): device keys, one-time and
 * fallback keys, and each device's to-device inbox. Keys are opaque JSON here; no crypto. Used only under
 * {@link HomeserverState}'s lock, with positions from its stream, so a long-polling {@code /sync} wakes on a
 * to-device message or a device list change.
 */
final class KeyDirectory {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A to-device message waiting in a device's inbox since {@code position}. */
    record ToDevice(long position, String sender, String type, JsonNode content) {
    }

    /** A user's device list changed at {@code position}. */
    record KeyChange(long position, String userId) {
    }

    private record Fallback(String keyId, JsonNode key, boolean used) {
    }

    private final Map<String, Map<String, JsonNode>> deviceKeys = new HashMap<>();
    private final Map<String, LinkedHashMap<String, JsonNode>> oneTimeKeys = new HashMap<>();
    private final Map<String, Fallback> fallbackKeys = new HashMap<>();
    private final Map<String, List<ToDevice>> inboxes = new HashMap<>();
    private final Set<List<String>> toDeviceTransactions = new HashSet<>();
    private final List<KeyChange> changes = new ArrayList<>();
    /** Cross-signing keys by user: {@code master}, {@code self_signing}, {@code user_signing}. */
    private final Map<String, Map<String, ObjectNode>> crossSigning = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();

    /** {@code /keys/upload}: the answer's {@code one_time_key_counts}. */
    ObjectNode upload(Accounts.Session session, JsonNode body, LongSupplier nextPosition) {
        JsonNode device = body.path("device_keys");
        if (device.isObject()) {
            if (!device.path("user_id").asText().equals(session.userId()) || !device.path("device_id").asText().equals(session.deviceId())) {
                throw new HomeserverRefusal(400, "M_INVALID_PARAM", "device_keys must name the uploading user and device");
            }
            JsonNode before = deviceKeys.computeIfAbsent(session.userId(), user -> new LinkedHashMap<>()).put(session.deviceId(), device.deepCopy());
            if (!device.equals(before)) {
                changes.add(new KeyChange(nextPosition.getAsLong(), session.userId()));
            }
        }
        LinkedHashMap<String, JsonNode> held = oneTimeKeys.computeIfAbsent(deviceKey(session), key -> new LinkedHashMap<>());
        body.path("one_time_keys").fields().forEachRemaining(entry -> {
            JsonNode existing = held.get(entry.getKey());
            if (existing != null && !existing.equals(entry.getValue())) {
                throw new HomeserverRefusal(400, "M_INVALID_PARAM", "one-time key " + entry.getKey() + " already exists with another value");
            }
        });
        body.path("one_time_keys").fields().forEachRemaining(entry -> held.put(entry.getKey(), entry.getValue().deepCopy()));
        body.path("fallback_keys").fields().forEachRemaining(entry ->
                fallbackKeys.put(deviceKey(session), new Fallback(entry.getKey(), entry.getValue().deepCopy(), false)));
        return counts(session.userId(), session.deviceId());
    }

    void setPassword(String userId, String password) {
        passwords.put(userId, password);
    }

    /**
     * {@code /keys/device_signing/upload} (cross_signing.yaml): the first keys, or the very keys already held, need
     * no authentication; new keys in place of others need the user's password (User-Interactive Authentication).
     */
    void uploadCrossSigning(Accounts.Session session, JsonNode body, LongSupplier nextPosition) {
        Map<String, ObjectNode> held = crossSigning.computeIfAbsent(session.userId(), user -> new HashMap<>());
        Map<String, ObjectNode> offered = new HashMap<>();
        for (String usage : new String[] {"master", "self_signing", "user_signing"}) {
            JsonNode key = body.path(usage + "_key");
            if (key.isObject()) {
                if (!key.path("user_id").asText().equals(session.userId()) || !key.path("usage").toString().contains("\"" + usage + "\"")) {
                    throw new HomeserverRefusal(400, "M_INVALID_PARAM", usage + "_key must name the uploading user and its usage");
                }
                offered.put(usage, (ObjectNode) key.deepCopy());
            }
        }
        if (!offered.containsKey("master") && !held.containsKey("master")) {
            throw new HomeserverRefusal(400, "M_MISSING_PARAM", "No master signing key is available");
        }
        boolean same = offered.entrySet().stream().allMatch(entry -> entry.getValue().equals(held.get(entry.getKey())));
        if (held.containsKey("master") && !same && !authenticated(session.userId(), body.path("auth"))) {
            throw new UserInteractiveAuth();
        }
        held.putAll(offered);
        changes.add(new KeyChange(nextPosition.getAsLong(), session.userId()));
    }

    private boolean authenticated(String userId, JsonNode auth) {
        return auth.path("type").asText().equals("m.login.password") && passwords.containsKey(userId)
                && passwords.get(userId).equals(auth.path("password").asText())
                && auth.path("identifier").path("user").asText().equals(userId);
    }

    /** The answer a server gives when a request needs the user to prove who they are first. */
    static final class UserInteractiveAuth extends RuntimeException {

        UserInteractiveAuth() {
            super("user-interactive authentication required");
        }

        ObjectNode flows() {
            ObjectNode body = NODES.objectNode();
            body.putArray("flows").addObject().putArray("stages").add("m.login.password");
            body.putObject("params");
            body.put("session", "uia-session");
            return body;
        }
    }

    /**
     * {@code /keys/signatures/upload}: new signatures on a device's keys or a user's master key, merged into
     * what is held; the signed object must otherwise be the one held.
     */
    ObjectNode uploadSignatures(JsonNode body, LongSupplier nextPosition) {
        ObjectNode answer = NODES.objectNode();
        ObjectNode failures = answer.putObject("failures");
        body.fields().forEachRemaining(user -> user.getValue().fields().forEachRemaining(signed -> {
            ObjectNode target = signedTarget(user.getKey(), signed.getKey());
            ObjectNode withoutSignatures = ((ObjectNode) signed.getValue().deepCopy());
            withoutSignatures.remove("signatures");
            ObjectNode heldWithout = target == null ? null : target.deepCopy();
            if (heldWithout != null) {
                heldWithout.remove("signatures");
            }
            if (heldWithout == null || !heldWithout.equals(withoutSignatures)) {
                failures.withObjectProperty(user.getKey()).putObject(signed.getKey()).put("errcode", "M_INVALID_SIGNATURE")
                        .put("error", "the signed object is not the key held for " + signed.getKey());
                return;
            }
            signed.getValue().path("signatures").fields().forEachRemaining(signer -> signer.getValue().fields().forEachRemaining(
                    signature -> target.withObjectProperty("signatures").withObjectProperty(signer.getKey())
                            .put(signature.getKey(), signature.getValue().asText())));
            changes.add(new KeyChange(nextPosition.getAsLong(), user.getKey()));
        }));
        return answer;
    }

    /** The device's keys, or the master key when {@code keyId} is its public key. */
    private ObjectNode signedTarget(String userId, String keyId) {
        JsonNode device = deviceKeys.getOrDefault(userId, Map.of()).get(keyId);
        if (device != null) {
            return (ObjectNode) device;
        }
        ObjectNode master = crossSigning.getOrDefault(userId, Map.of()).get("master");
        return master != null && master.path("keys").has("ed25519:" + keyId) ? master : null;
    }

    /** {@code /keys/query}: an empty device list asks for all of the user's devices; user-signing keys only for oneself. */
    ObjectNode query(String requester, JsonNode body) {
        ObjectNode answer = NODES.objectNode();
        ObjectNode found = answer.putObject("device_keys");
        body.path("device_keys").fields().forEachRemaining(entry -> {
            Set<String> wanted = new HashSet<>();
            entry.getValue().forEach(device -> wanted.add(device.asText()));
            ObjectNode devices = found.putObject(entry.getKey());
            deviceKeys.getOrDefault(entry.getKey(), Map.of()).forEach((device, keys) -> {
                if (wanted.isEmpty() || wanted.contains(device)) {
                    devices.set(device, keys.deepCopy());
                }
            });
            Map<String, ObjectNode> cross = crossSigning.getOrDefault(entry.getKey(), Map.of());
            if (cross.containsKey("master")) {
                answer.withObjectProperty("master_keys").set(entry.getKey(), cross.get("master").deepCopy());
            }
            if (cross.containsKey("self_signing")) {
                answer.withObjectProperty("self_signing_keys").set(entry.getKey(), cross.get("self_signing").deepCopy());
            }
            if (cross.containsKey("user_signing") && entry.getKey().equals(requester)) {
                answer.withObjectProperty("user_signing_keys").set(entry.getKey(), cross.get("user_signing").deepCopy());
            }
        });
        answer.putObject("failures");
        return answer;
    }

    /** {@code /keys/claim}: a one-time key is handed out once; when none is left, the fallback key, which stays. */
    ObjectNode claim(JsonNode body) {
        ObjectNode answer = NODES.objectNode();
        ObjectNode claimed = answer.putObject("one_time_keys");
        body.path("one_time_keys").fields().forEachRemaining(user -> user.getValue().fields().forEachRemaining(device -> {
            String algorithm = device.getValue().asText();
            String holder = user.getKey() + "|" + device.getKey();
            Optional<Map.Entry<String, JsonNode>> oneTime = oneTimeKeys.getOrDefault(holder, new LinkedHashMap<>()).entrySet().stream()
                    .filter(key -> key.getKey().startsWith(algorithm + ":")).findFirst();
            ObjectNode keys = NODES.objectNode();
            if (oneTime.isPresent()) {
                keys.set(oneTime.get().getKey(), oneTime.get().getValue());
                oneTimeKeys.get(holder).remove(oneTime.get().getKey());
            } else if (fallbackKeys.containsKey(holder) && fallbackKeys.get(holder).keyId().startsWith(algorithm + ":")) {
                Fallback fallback = fallbackKeys.get(holder);
                keys.set(fallback.keyId(), fallback.key());
                fallbackKeys.put(holder, new Fallback(fallback.keyId(), fallback.key(), true));
            }
            if (!keys.isEmpty()) {
                claimed.withObjectProperty(user.getKey()).set(device.getKey(), keys);
            }
        }));
        answer.putObject("failures");
        return answer;
    }

    /** {@code PUT /sendToDevice}: once per (sending device, transaction ID); {@code *} is every device of the user. */
    void send(Accounts.Session sender, String type, String txnId, JsonNode messages, Map<String, List<String>> devicesByUser,
            LongSupplier nextPosition) {
        if (!toDeviceTransactions.add(List.of(sender.deviceId(), type, txnId))) {
            return;
        }
        messages.fields().forEachRemaining(user -> user.getValue().fields().forEachRemaining(device -> {
            List<String> targets = device.getKey().equals("*") ? devicesByUser.getOrDefault(user.getKey(), List.of())
                    : List.of(device.getKey());
            for (String target : targets) {
                inboxes.computeIfAbsent(user.getKey() + "|" + target, key -> new ArrayList<>())
                        .add(new ToDevice(nextPosition.getAsLong(), sender.userId(), type, device.getValue().deepCopy()));
            }
        }));
    }

    /**
     * The device's to-device messages: those a sync from {@code since} acknowledges are deleted first, as the
     * spec has the server do once the client uses the batch token that followed them.
     */
    List<ToDevice> inbox(Accounts.Session session, long since) {
        List<ToDevice> inbox = inboxes.getOrDefault(deviceKey(session), new ArrayList<>());
        inbox.removeIf(message -> message.position() <= since);
        return List.copyOf(inbox);
    }

    List<KeyChange> changesAfter(long since) {
        return changes.stream().filter(change -> change.position() > since).toList();
    }

    ObjectNode counts(String userId, String deviceId) {
        ObjectNode counts = NODES.objectNode();
        oneTimeKeys.getOrDefault(userId + "|" + deviceId, new LinkedHashMap<>()).keySet().forEach(keyId -> {
            String algorithm = keyId.substring(0, keyId.indexOf(':'));
            counts.put(algorithm, counts.path(algorithm).asInt() + 1);
        });
        return counts;
    }

    List<String> unusedFallbackTypes(String userId, String deviceId) {
        Fallback fallback = fallbackKeys.get(userId + "|" + deviceId);
        return fallback == null || fallback.used() ? List.of() : List.of(fallback.keyId().substring(0, fallback.keyId().indexOf(':')));
    }

    Optional<JsonNode> deviceKeys(String userId, String deviceId) {
        return Optional.ofNullable(deviceKeys.getOrDefault(userId, Map.of()).get(deviceId));
    }

    int oneTimeKeysLeft(String userId, String deviceId) {
        return oneTimeKeys.getOrDefault(userId + "|" + deviceId, new LinkedHashMap<>()).size();
    }

    private static String deviceKey(Accounts.Session session) {
        return session.userId() + "|" + session.deviceId();
    }
}
