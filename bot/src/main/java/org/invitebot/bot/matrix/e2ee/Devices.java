package org.invitebot.bot.matrix.e2ee;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.crypto.Account;

/**
 * The device lists of the users the bot shares encrypted rooms with, from {@code /keys/query}, kept in the
 * vault ({@code devices/<user>}) until {@code /sync}'s {@code device_lists} says a user's list changed.
 * Only device keys signed by their own Ed25519 key are taken, and a device ID once seen keeps its keys. Each
 * query also shows the user's cross-signing keys: whether each device is signed by them, and the master key
 * for {@link Identities}.
 */
final class Devices {

    static final String KIND = "devices";
    private static final Logger log = LoggerFactory.getLogger(Devices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixClient matrix;
    private final Identities identities;

    Devices(MatrixClient matrix, Identities identities) {
        this.matrix = matrix;
        this.identities = identities;
    }

    /** Every known device of {@code users}, fetching the lists not known or marked stale. */
    List<Device> of(Collection<String> users, Working vault) {
        Set<String> toQuery = new TreeSet<>();
        for (String user : users) {
            Optional<ObjectNode> list = stored(user, vault);
            if (list.isEmpty() || list.get().path("stale").asBoolean(false)) {
                toQuery.add(user);
            }
        }
        if (!toQuery.isEmpty()) {
            query(toQuery, vault);
        }
        List<Device> devices = new ArrayList<>();
        for (String user : users) {
            stored(user, vault).ifPresent(list -> list.path("devices").fields().forEachRemaining(entry ->
                    devices.add(new Device(user, entry.getKey(), entry.getValue().path("curve25519").asText(),
                            entry.getValue().path("ed25519").asText(), entry.getValue().path("cross_signed").asBoolean()))));
        }
        return devices;
    }

    /** The device of {@code user} whose Curve25519 identity key is {@code curve25519}, asking the server once if unknown. */
    Optional<Device> withCurveKey(String user, String curve25519, Working vault) {
        Optional<Device> known = find(of(List.of(user), vault), curve25519);
        if (known.isPresent()) {
            return known;
        }
        markStale(List.of(user), vault);
        return find(of(List.of(user), vault), curve25519);
    }

    /** {@code device_lists.changed}: re-query before the next use. */
    void markStale(Collection<String> users, Working vault) {
        for (String user : users) {
            stored(user, vault).ifPresent(list -> {
                list.put("stale", true);
                vault.put(KIND, user, list);
            });
        }
    }

    /** {@code device_lists.left}: no shared encrypted room any more. */
    void forget(Collection<String> users, Working vault) {
        users.forEach(user -> vault.delete(KIND, user));
    }

    private static Optional<Device> find(List<Device> devices, String curve25519) {
        return devices.stream().filter(device -> device.curve25519().equals(curve25519)).findFirst();
    }

    private void query(Set<String> users, Working vault) {
        JsonNode answer = matrix.queryKeys(users);
        for (String user : users) {
            UserIdentity identity = UserIdentity.of(user, answer);
            identities.observe(identity, vault);
            ObjectNode previous = stored(user, vault).map(list -> (ObjectNode) list.path("devices")).orElse(JSON.createObjectNode());
            ObjectNode devices = JSON.createObjectNode();
            answer.path("device_keys").path(user).fields().forEachRemaining(entry -> {
                Optional<Device> device = verified(user, entry.getKey(), entry.getValue());
                if (device.isEmpty()) {
                    return;
                }
                JsonNode before = previous.path(entry.getKey());
                if (!before.isMissingNode() && !before.path("ed25519").asText().equals(device.get().ed25519())) {
                    log.warn("device {} of {} came back with other keys; keeping the first ones", entry.getKey(), user);
                    devices.set(entry.getKey(), before);
                    return;
                }
                devices.putObject(entry.getKey()).put("curve25519", device.get().curve25519()).put("ed25519", device.get().ed25519())
                        .put("cross_signed", identity.signs(entry.getValue()));
            });
            ObjectNode list = JSON.createObjectNode();
            list.set("devices", devices);
            vault.put(KIND, user, list);
        }
    }

    /**
     * The device keys if they name this user and device, carry both keys, and are signed by the device's Ed25519 key;
     * whether it is cross-signed is not known here.
     */
    static Optional<Device> verified(String user, String deviceId, JsonNode keys) {
        String ed25519 = keys.path("keys").path("ed25519:" + deviceId).asText("");
        String curve25519 = keys.path("keys").path("curve25519:" + deviceId).asText("");
        String signature = keys.path("signatures").path(user).path("ed25519:" + deviceId).asText("");
        if (!keys.path("user_id").asText().equals(user) || !keys.path("device_id").asText().equals(deviceId)
                || ed25519.isEmpty() || curve25519.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        if (!Account.verify(ed25519, CanonicalJson.forSigning(keys), signature)) {
            log.warn("ignored device {} of {}: its keys are not signed by its own key", deviceId, user);
            return Optional.empty();
        }
        return Optional.of(new Device(user, deviceId, curve25519, ed25519, false));
    }

    private static Optional<ObjectNode> stored(String user, Working vault) {
        return vault.json(KIND, user);
    }
}
