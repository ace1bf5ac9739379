package org.invitebot.bot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.invitebot.bot.matrix.e2ee.CanonicalJson;
import org.invitebot.crypto.Account;
import org.invitebot.crypto.InboundCreation;
import org.invitebot.crypto.InboundGroupSession;
import org.invitebot.crypto.OlmException;
import org.invitebot.crypto.OlmMessage;
import org.invitebot.crypto.OutboundGroupSession;
import org.invitebot.crypto.Session;
import org.invitebot.crypto.SigningKey;

/**
 * A chat user's E2EE device, as their Matrix client would be: it publishes device and one-time keys,
 * encrypts what the user types with a Megolm session shared over Olm to every device in the room, and
 * decrypts what others send once their room key has come as a to-device message. Speaks HTTP to the
 * homeserver stand-in. The demo's terminal types through it in encrypted rooms; tests use its single
 * steps to send a command before its key, share a key late or never, or reuse another user's session.
 * Keeps its state in memory only.
 */
public final class DemoDevice {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String OLM = "m.olm.v1.curve25519-aes-sha2";
    private static final String MEGOLM = "m.megolm.v1.aes-sha2";
    private static final int ONE_TIME_KEYS = 20;

    private final OkHttpClient http = new OkHttpClient();
    private final String baseUrl;
    private final String userId;
    private final String deviceId;
    private final String token;
    private final Account account = Account.create();
    /** Olm sessions by the other device's Curve25519 key, newest first. */
    private final Map<String, List<Session>> olmSessions = new HashMap<>();
    private final Map<String, InboundGroupSession> roomKeys = new HashMap<>();
    private final Map<String, OutboundGroupSession> outbound = new HashMap<>();
    /** Which devices ({@code user|device}) hold the current outbound session of a room. */
    private final Map<String, Set<String>> sharedWith = new HashMap<>();
    private String since;

    public DemoDevice(String baseUrl, String userId, String deviceId, String token) {
        this.baseUrl = baseUrl;
        this.userId = userId;
        this.deviceId = deviceId;
        this.token = token;
    }

    /** Publishes signed device keys and one-time keys, so others can tell this device's messages are its user's. */
    public synchronized DemoDevice uploadKeys() {
        ObjectNode keys = deviceKeys();
        keys.putObject("signatures").putObject(userId).put("ed25519:" + deviceId, account.sign(CanonicalJson.forSigning(keys)));
        ObjectNode body = JSON.createObjectNode();
        body.set("device_keys", keys);
        account.generateOneTimeKeys(ONE_TIME_KEYS);
        ObjectNode oneTime = body.putObject("one_time_keys");
        account.unpublishedOneTimeKeys().forEach((id, key) -> {
            ObjectNode signed = JSON.createObjectNode().put("key", key);
            signed.putObject("signatures").putObject(userId).put("ed25519:" + deviceId, account.sign(CanonicalJson.forSigning(signed)));
            oneTime.set("signed_curve25519:" + id, signed);
        });
        call("POST", "/keys/upload", body);
        account.markKeysAsPublished();
        return this;
    }

    /**
     * Verifies this device as its owner does in Element: makes the user's master and self-signing keys, publishes
     * them, and signs the device with the self-signing key. Others then see the device as verified by its owner.
     */
    public DemoDevice crossSign() {
        return crossSign(Optional.empty());
    }

    /** Resets the user's cross-signing as a client does after "reset your security keys": new keys, with the password. */
    public DemoDevice resetCrossSigning(String password) {
        return crossSign(Optional.of(password));
    }

    private synchronized DemoDevice crossSign(Optional<String> password) {
        SigningKey master = SigningKey.generate();
        SigningKey selfSigning = SigningKey.generate();
        ObjectNode body = JSON.createObjectNode();
        body.set("master_key", keyObject("master", master));
        ObjectNode selfSigningKey = keyObject("self_signing", selfSigning);
        selfSigningKey.putObject("signatures").putObject(userId).put("ed25519:" + master.publicKey(),
                master.sign(CanonicalJson.forSigning(selfSigningKey)));
        body.set("self_signing_key", selfSigningKey);
        password.ifPresent(secret -> {
            ObjectNode auth = body.putObject("auth").put("type", "m.login.password").put("password", secret);
            auth.putObject("identifier").put("type", "m.id.user").put("user", userId);
        });
        call("POST", "/keys/device_signing/upload", body);
        ObjectNode deviceKeys = deviceKeys();
        deviceKeys.putObject("signatures").putObject(userId).put("ed25519:" + selfSigning.publicKey(),
                selfSigning.sign(CanonicalJson.forSigning(deviceKeys)));
        ObjectNode signatures = JSON.createObjectNode();
        signatures.putObject(userId).set(deviceId, deviceKeys);
        call("POST", "/keys/signatures/upload", signatures);
        return this;
    }

    private ObjectNode keyObject(String usage, SigningKey key) {
        ObjectNode object = JSON.createObjectNode().put("user_id", userId);
        object.putArray("usage").add(usage);
        object.putObject("keys").put("ed25519:" + key.publicKey(), key.publicKey());
        return object;
    }

    private ObjectNode deviceKeys() {
        ObjectNode keys = JSON.createObjectNode().put("user_id", userId).put("device_id", deviceId);
        keys.putArray("algorithms").add(OLM).add(MEGOLM);
        keys.putObject("keys").put("curve25519:" + deviceId, account.curve25519Key()).put("ed25519:" + deviceId, account.ed25519Key());
        return keys;
    }

    /** Encrypts {@code text} into the room with this device's session, shared first with every member's devices. */
    public synchronized String send(String roomId, String text) {
        return sendEncrypted(roomId, sharedSession(roomId), text, Optional.empty());
    }

    /** As {@link #send}, in the thread of {@code rootEventId}: the relation in the clear part only, as Element sends it. */
    public synchronized String sendInThread(String roomId, String rootEventId, String text) {
        return sendEncrypted(roomId, sharedSession(roomId), text, Optional.of(threadRelation(rootEventId)));
    }

    /** An encrypted {@code m.text} with {@code session} in the thread of {@code rootEventId}, the relation in the clear. */
    public synchronized String sendEncryptedInThread(String roomId, OutboundGroupSession session, String rootEventId, String text) {
        return sendEncrypted(roomId, session, text, Optional.of(threadRelation(rootEventId)));
    }

    private static ObjectNode threadRelation(String rootEventId) {
        ObjectNode relation = JSON.createObjectNode().put("rel_type", "m.thread").put("event_id", rootEventId).put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", rootEventId);
        return relation;
    }

    private OutboundGroupSession sharedSession(String roomId) {
        OutboundGroupSession session = outbound.computeIfAbsent(roomId, room -> OutboundGroupSession.create());
        Set<String> holders = sharedWith.computeIfAbsent(roomId, room -> new HashSet<>());
        List<String> members = new ArrayList<>();
        call("GET", "/rooms/" + roomId + "/joined_members", null).path("joined").fieldNames().forEachRemaining(members::add);
        holders.addAll(shareRoomKey(session.sessionId(), session.sessionKey(), roomId, members, holders));
        return session;
    }

    /** Starts a new session for the room's next message, as clients do from time to time. */
    public synchronized void rotateRoomKey(String roomId) {
        outbound.remove(roomId);
        sharedWith.remove(roomId);
    }

    /** Takes in the to-device messages that came since it last looked: room keys, new Olm sessions. */
    public synchronized void receive() {
        receiveToDevice();
    }

    /** Shares a session key with every device of {@code user}. */
    public synchronized void shareRoomKey(String sessionId, String sessionKey, String roomId, String user) {
        shareRoomKey(sessionId, sessionKey, roomId, List.of(user), Set.of());
    }

    /**
     * Sends a session key over Olm to the members' devices not in {@code skip}.
     *
     * @param sessionKey the key as it was when the first message to be read was encrypted
     * @return the devices it went to, as {@code user|device}
     */
    private Set<String> shareRoomKey(String sessionId, String sessionKey, String roomId, List<String> users, Set<String> skip) {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode wanted = query.putObject("device_keys");
        users.forEach(wanted::putArray);
        JsonNode devices = call("POST", "/keys/query", query).path("device_keys");
        Map<String, JsonNode> recipients = new HashMap<>();
        devices.fields().forEachRemaining(user -> user.getValue().fields().forEachRemaining(device -> {
            String holder = user.getKey() + "|" + device.getKey();
            if (!skip.contains(holder) && !(user.getKey().equals(userId) && device.getKey().equals(deviceId))) {
                recipients.put(holder, device.getValue());
            }
        }));
        ObjectNode messages = JSON.createObjectNode();
        Set<String> reached = new HashSet<>();
        recipients.forEach((holder, keys) -> {
            String user = keys.path("user_id").asText();
            String device = keys.path("device_id").asText();
            String theirCurve = keys.path("keys").path("curve25519:" + device).asText();
            Optional<Session> olm = olmSessionWith(user, device, theirCurve);
            if (olm.isEmpty()) {
                return;
            }
            ObjectNode plaintext = JSON.createObjectNode().put("type", "m.room_key").put("sender", userId).put("recipient", user);
            plaintext.putObject("content").put("algorithm", MEGOLM).put("room_id", roomId).put("session_id", sessionId)
                    .put("session_key", sessionKey);
            plaintext.putObject("keys").put("ed25519", account.ed25519Key());
            plaintext.putObject("recipient_keys").put("ed25519", keys.path("keys").path("ed25519:" + device).asText());
            OlmMessage message = olm.get().encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8));
            ObjectNode envelope = messages.withObjectProperty(user).putObject(device).put("algorithm", OLM)
                    .put("sender_key", account.curve25519Key());
            envelope.putObject("ciphertext").putObject(theirCurve).put("type", message.type()).put("body", message.body());
            reached.add(holder);
        });
        if (!reached.isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            body.set("messages", messages);
            call("PUT", "/sendToDevice/m.room.encrypted/" + UUID.randomUUID(), body);
        }
        return reached;
    }

    /** The newest Olm session with the device, or a new one on a claimed one-time key; empty when none is left. */
    private Optional<Session> olmSessionWith(String user, String device, String theirCurve) {
        List<Session> known = olmSessions.getOrDefault(theirCurve, List.of());
        if (!known.isEmpty()) {
            return Optional.of(known.get(0));
        }
        ObjectNode claim = JSON.createObjectNode();
        claim.withObjectProperty("one_time_keys").withObjectProperty(user).put(device, "signed_curve25519");
        JsonNode claimed = call("POST", "/keys/claim", claim).path("one_time_keys").path(user).path(device);
        if (!claimed.fields().hasNext()) {
            return Optional.empty();
        }
        Session session = account.createOutboundSession(theirCurve, claimed.fields().next().getValue().path("key").asText());
        olmSessions.computeIfAbsent(theirCurve, key -> new ArrayList<>()).add(0, session);
        return Optional.of(session);
    }

    /**
     * Tells {@code user}'s devices that this device will not share a session's key ({@code m.room_key.withheld}), as a
     * client that excludes unverified devices does.
     */
    public synchronized void withholdRoomKey(String roomId, String sessionId, String user, String code, String reason) {
        ObjectNode content = JSON.createObjectNode().put("algorithm", MEGOLM).put("room_id", roomId).put("session_id", sessionId)
                .put("sender_key", account.curve25519Key()).put("code", code).put("reason", reason).put("from_device", deviceId);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("messages").putObject(user).set("*", content);
        call("PUT", "/sendToDevice/m.room_key.withheld/" + UUID.randomUUID(), body);
    }

    /** Asks {@code user}'s devices for a room key this device lacks ({@code m.room_key_request}), as a new login does. */
    public synchronized void requestRoomKey(String roomId, String sessionId, String senderKey, String user) {
        ObjectNode request = JSON.createObjectNode().put("action", "request").put("requesting_device_id", deviceId)
                .put("request_id", UUID.randomUUID().toString());
        request.putObject("body").put("algorithm", MEGOLM).put("room_id", roomId).put("session_id", sessionId)
                .put("sender_key", senderKey);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("messages").putObject(user).set("*", request);
        call("PUT", "/sendToDevice/m.room_key_request/" + UUID.randomUUID(), body);
    }

    /** An encrypted {@code m.text} with {@code session}; returns the event ID. */
    public synchronized String sendEncrypted(String roomId, OutboundGroupSession session, String text) {
        return sendEncrypted(roomId, session, text, Optional.empty());
    }

    /** An encrypted {@code m.reaction}, its annotation in the clear part only, as Element sends it; returns the event ID. */
    public synchronized String react(String roomId, String eventId, String key) {
        ObjectNode relation = JSON.createObjectNode().put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        return sendEncrypted(roomId, sharedSession(roomId), "m.reaction", JSON.createObjectNode(), Optional.of(relation));
    }

    private String sendEncrypted(String roomId, OutboundGroupSession session, String text, Optional<ObjectNode> relation) {
        return sendEncrypted(roomId, session, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text").put("body", text),
                relation);
    }

    private String sendEncrypted(String roomId, OutboundGroupSession session, String type, ObjectNode inner,
            Optional<ObjectNode> relation) {
        ObjectNode plaintext = JSON.createObjectNode().put("type", type).put("room_id", roomId);
        plaintext.set("content", inner);
        ObjectNode content = JSON.createObjectNode().put("algorithm", MEGOLM).put("sender_key", account.curve25519Key())
                .put("device_id", deviceId).put("session_id", session.sessionId())
                .put("ciphertext", session.encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8)));
        relation.ifPresent(clear -> content.set("m.relates_to", clear));
        return call("PUT", "/rooms/" + roomId + "/send/m.room.encrypted/" + UUID.randomUUID(), content).path("event_id").asText();
    }

    /**
     * The decrypted content of an {@code m.room.encrypted} event, after taking in the room keys that came
     * to this device since it last looked; empty when this device holds no key for it.
     */
    public synchronized Optional<JsonNode> decrypt(JsonNode encryptedContent) {
        receiveToDevice();
        InboundGroupSession session = roomKeys.get(encryptedContent.path("session_id").asText());
        if (session == null) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = session.decrypt(encryptedContent.path("ciphertext").asText()).plaintext();
            return Optional.of(JSON.readTree(plaintext).path("content"));
        } catch (OlmException | IOException e) {
            return Optional.empty();
        }
    }

    private void receiveToDevice() {
        HttpUrl.Builder url = HttpUrl.get(baseUrl + "/_matrix/client/v3/sync").newBuilder().addQueryParameter("timeout", "0");
        if (since != null) {
            url.addQueryParameter("since", since);
        }
        JsonNode sync = execute(new Request.Builder().url(url.build()).get());
        since = sync.path("next_batch").asText();
        for (JsonNode event : sync.path("to_device").path("events")) {
            if (event.path("type").asText().equals("m.room.encrypted")) {
                olmDecrypt(event.path("content")).ifPresent(this::takeRoomKey);
            }
        }
    }

    private Optional<JsonNode> olmDecrypt(JsonNode content) {
        String senderKey = content.path("sender_key").asText();
        JsonNode mine = content.path("ciphertext").path(account.curve25519Key());
        OlmMessage message = new OlmMessage(mine.path("type").asInt(), mine.path("body").asText());
        List<Session> known = olmSessions.computeIfAbsent(senderKey, key -> new ArrayList<>());
        try {
            for (Session session : known) {
                if (message.type() == OlmMessage.NORMAL || session.matchesInbound(message)) {
                    try {
                        return Optional.of(JSON.readTree(session.decrypt(message)));
                    } catch (OlmException notThisOne) {
                        // another session with the same device may be the one
                    }
                }
            }
            if (message.type() != OlmMessage.PRE_KEY) {
                return Optional.empty();
            }
            InboundCreation created = account.createInboundSession(senderKey, message);
            known.add(0, created.session());
            return Optional.of(JSON.readTree(created.plaintext()));
        } catch (OlmException | IOException e) {
            return Optional.empty();
        }
    }

    private void takeRoomKey(JsonNode plaintext) {
        String type = plaintext.path("type").asText();
        if (!type.equals("m.room_key") && !type.equals("m.forwarded_room_key")) {
            return;
        }
        try {
            String key = plaintext.path("content").path("session_key").asText();
            InboundGroupSession session = type.equals("m.room_key") ? InboundGroupSession.fromSessionKey(key)
                    : InboundGroupSession.importSession(key);
            // a key from an earlier message index is the better one, whichever came first
            roomKeys.merge(session.sessionId(), session, (held, offered) -> offered.firstKnownIndex() < held.firstKnownIndex() ? offered : held);
        } catch (OlmException e) {
            // a malformed key is not one this device can use; the message it was for stays unreadable
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        return execute(new Request.Builder().url(baseUrl + "/_matrix/client/v3" + path)
                .method(method, body == null ? null : RequestBody.create(body.toString(), JSON_TYPE)));
    }

    private JsonNode execute(Request.Builder request) {
        Request authorised = request.header("Authorization", "Bearer " + token).build();
        try (Response response = http.newCall(authorised).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException(authorised.method() + " " + authorised.url().encodedPath() + " answered "
                        + response.code() + ": " + text);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
