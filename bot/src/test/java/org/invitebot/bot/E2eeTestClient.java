package org.invitebot.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.invitebot.bot.matrix.e2ee.CanonicalJson;
import org.invitebot.crypto.Account;
import org.invitebot.crypto.OlmMessage;
import org.invitebot.crypto.OutboundGroupSession;
import org.invitebot.crypto.Session;

/**
 * A client of the test's own making, for what an ordinary client never does on purpose: send a command
 * before its room key, share the key late or never, or reuse another user's session. Speaks real HTTP to
 * the homeserver stand-in; only the sending side, since matrix-nio reads what the bot answers.
 */
final class E2eeTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String OLM = "m.olm.v1.curve25519-aes-sha2";
    private static final String MEGOLM = "m.megolm.v1.aes-sha2";

    private final OkHttpClient http = new OkHttpClient();
    private final String baseUrl;
    private final String userId;
    private final String deviceId;
    private final String token;
    private final Account account = Account.create();

    E2eeTestClient(String baseUrl, String userId, String deviceId, String token) {
        this.baseUrl = baseUrl;
        this.userId = userId;
        this.deviceId = deviceId;
        this.token = token;
    }

    /** Publishes signed device keys, so the bot can tell this device's Olm messages are its user's. */
    E2eeTestClient uploadKeys() {
        ObjectNode keys = JSON.createObjectNode().put("user_id", userId).put("device_id", deviceId);
        keys.putArray("algorithms").add(OLM).add(MEGOLM);
        keys.putObject("keys").put("curve25519:" + deviceId, account.curve25519Key()).put("ed25519:" + deviceId, account.ed25519Key());
        keys.putObject("signatures").putObject(userId).put("ed25519:" + deviceId, account.sign(CanonicalJson.forSigning(keys)));
        ObjectNode body = JSON.createObjectNode();
        body.set("device_keys", keys);
        call("POST", "/keys/upload", body);
        return this;
    }

    /**
     * Sends a session key over Olm to every device of {@code user} that has a one-time key to claim.
     *
     * @param sessionKey the key as it was when the first message to be read was encrypted
     */
    void shareRoomKey(String sessionId, String sessionKey, String roomId, String user) {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("device_keys").putArray(user);
        JsonNode devices = call("POST", "/keys/query", query).path("device_keys").path(user);
        ObjectNode claim = JSON.createObjectNode();
        devices.fieldNames().forEachRemaining(device -> claim.withObjectProperty("one_time_keys").withObjectProperty(user)
                .put(device, "signed_curve25519"));
        JsonNode claimed = call("POST", "/keys/claim", claim).path("one_time_keys").path(user);
        ObjectNode messages = JSON.createObjectNode();
        devices.fields().forEachRemaining(device -> {
            JsonNode oneTime = claimed.path(device.getKey());
            if (!oneTime.fields().hasNext()) {
                return;
            }
            String theirCurve = device.getValue().path("keys").path("curve25519:" + device.getKey()).asText();
            Session olm = account.createOutboundSession(theirCurve, oneTime.fields().next().getValue().path("key").asText());
            ObjectNode plaintext = JSON.createObjectNode().put("type", "m.room_key").put("sender", userId).put("recipient", user);
            plaintext.putObject("content").put("algorithm", MEGOLM).put("room_id", roomId).put("session_id", sessionId)
                    .put("session_key", sessionKey);
            plaintext.putObject("keys").put("ed25519", account.ed25519Key());
            plaintext.putObject("recipient_keys").put("ed25519",
                    device.getValue().path("keys").path("ed25519:" + device.getKey()).asText());
            OlmMessage message = olm.encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8));
            ObjectNode envelope = messages.withObjectProperty(user).putObject(device.getKey()).put("algorithm", OLM)
                    .put("sender_key", account.curve25519Key());
            envelope.putObject("ciphertext").putObject(theirCurve).put("type", message.type()).put("body", message.body());
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("messages", messages);
        call("PUT", "/sendToDevice/m.room.encrypted/" + UUID.randomUUID(), body);
    }

    /** An encrypted {@code m.text} with {@code session}; returns the event ID. */
    String sendEncrypted(String roomId, OutboundGroupSession session, String text) {
        ObjectNode plaintext = JSON.createObjectNode().put("type", "m.room.message").put("room_id", roomId);
        plaintext.putObject("content").put("msgtype", "m.text").put("body", text);
        ObjectNode content = JSON.createObjectNode().put("algorithm", MEGOLM).put("sender_key", account.curve25519Key())
                .put("device_id", deviceId).put("session_id", session.sessionId())
                .put("ciphertext", session.encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8)));
        return call("PUT", "/rooms/" + roomId + "/send/m.room.encrypted/" + UUID.randomUUID(), content).path("event_id").asText();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        Request request = new Request.Builder().url(baseUrl + "/_matrix/client/v3" + path)
                .header("Authorization", "Bearer " + token)
                .method(method, RequestBody.create(body.toString(), JSON_TYPE)).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException(method + " " + path + " answered " + response.code() + ": " + text);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
