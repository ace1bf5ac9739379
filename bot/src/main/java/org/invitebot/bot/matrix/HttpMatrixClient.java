package org.invitebot.bot.matrix;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.config.Secret;

/** {@link MatrixClient} over the client-server API v3 on OkHttp. */
public final class HttpMatrixClient implements MatrixClient {

    private static final String ENCRYPTION = "m.room.encryption";

    private static final Logger log = LoggerFactory.getLogger(HttpMatrixClient.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int RATE_LIMIT_TRIES = 5;
    private static final Duration LONGEST_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpUrl api;
    private final String ownUserId;
    private final OkHttpClient http;
    private final RetryPolicy<JsonNode> rateLimit = RetryPolicy.<JsonNode>builder()
            .handleIf(fault -> fault instanceof MatrixException matrix && matrix.status() == 429)
            .withMaxRetries(RATE_LIMIT_TRIES - 1)
            .withDelayFn(context -> ((MatrixException) context.getLastException()).retryAfter().orElse(Duration.ofSeconds(1)))
            .onRetry(retry -> log.info("homeserver rate-limited a request; waiting {} ms",
                    ((MatrixException) retry.getLastException()).retryAfter().orElse(Duration.ofSeconds(1)).toMillis()))
            .build();

    public HttpMatrixClient(HttpUrl homeserver, String ownUserId, Secret accessToken, OkHttpClient base) {
        this.api = homeserver.newBuilder().addPathSegments("_matrix/client/v3").build();
        this.ownUserId = ownUserId;
        String bearer = "Bearer " + accessToken.reveal();
        this.http = base.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .writeTimeout(Duration.ofSeconds(10))
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", bearer)
                        .build()))
                .build();
    }

    @Override
    public Whoami whoami() {
        JsonNode body = call(get(url("account/whoami")), http);
        return new Whoami(body.path("user_id").asText(),
                body.hasNonNull("device_id") ? Optional.of(body.get("device_id").asText()) : Optional.empty());
    }

    @Override
    public String uploadFilter(String userId, ObjectNode filter) {
        HttpUrl url = api.newBuilder().addPathSegment("user").addPathSegment(userId).addPathSegment("filter").build();
        return call(post(url, filter), http).path("filter_id").asText();
    }

    @Override
    public SyncBatch sync(Optional<String> since, String filterId, Duration timeout) {
        HttpUrl.Builder url = url("sync").newBuilder()
                .addQueryParameter("filter", filterId)
                .addQueryParameter("timeout", Long.toString(timeout.toMillis()));
        since.ifPresent(token -> url.addQueryParameter("since", token));
        // the long-poll holds the connection for up to `timeout`, so the read deadline must outlast it
        OkHttpClient longPoll = http.newBuilder().readTimeout(timeout.plusSeconds(30)).build();
        return parseSync(call(get(url.build()), longPoll));
    }

    @Override
    public void join(String roomId) {
        call(post(room(roomId).addPathSegment("join").build(), json.createObjectNode()), http);
    }

    @Override
    public String send(String roomId, String eventType, String txnId, ObjectNode content) {
        HttpUrl url = room(roomId).addPathSegment("send").addPathSegment(eventType).addPathSegment(txnId).build();
        Request request = new Request.Builder().url(url).put(RequestBody.create(content.toString(), JSON_TYPE)).build();
        return call(request, http).path("event_id").asText();
    }

    @Override
    public String redact(String roomId, String eventId, String txnId) {
        HttpUrl url = api.newBuilder().addPathSegment("rooms").addPathSegment(roomId).addPathSegment("redact")
                .addPathSegment(eventId).addPathSegment(txnId).build();
        return call(new Request.Builder().url(url).put(RequestBody.create("{}", JSON_TYPE)).build(), http).path("event_id").asText();
    }

    @Override
    public String createDirectRoom(String userId, boolean encrypted) {
        ObjectNode body = json.createObjectNode()
                .put("preset", "trusted_private_chat")
                .put("is_direct", true);
        body.putArray("invite").add(userId);
        if (encrypted) {
            ObjectNode encryption = body.putArray("initial_state").addObject().put("type", ENCRYPTION).put("state_key", "");
            encryption.putObject("content").put("algorithm", "m.megolm.v1.aes-sha2");
        }
        return call(post(url("createRoom"), body), http).path("room_id").asText();
    }

    @Override
    public List<String> members(String roomId) {
        List<String> members = new ArrayList<>();
        HttpUrl url = room(roomId).addPathSegment("members").addQueryParameter("not_membership", "leave").build();
        for (JsonNode event : call(get(url), http).path("chunk")) {
            String membership = event.path("content").path("membership").asText();
            if (membership.equals("join") || membership.equals("invite")) {
                members.add(event.path("state_key").asText());
            }
        }
        return members;
    }

    @Override
    public JsonNode uploadKeys(ObjectNode body) {
        return call(post(url("keys/upload"), body), http).path("one_time_key_counts");
    }

    @Override
    public JsonNode queryKeys(Collection<String> userIds) {
        ObjectNode body = json.createObjectNode();
        ObjectNode users = body.putObject("device_keys");
        userIds.forEach(user -> users.putArray(user));
        return call(post(url("keys/query"), body), http);
    }

    @Override
    public JsonNode claimKeys(ObjectNode oneTimeKeys) {
        ObjectNode body = json.createObjectNode();
        body.set("one_time_keys", oneTimeKeys);
        return call(post(url("keys/claim"), body), http);
    }

    @Override
    public void uploadCrossSigningKeys(String userId, ObjectNode keys, Optional<Secret> password) {
        HttpUrl url = url("keys/device_signing/upload");
        try {
            call(post(url, keys), http);
        } catch (MatrixException asked) {
            if (asked.status() != 401 || asked.authSession().isEmpty() || password.isEmpty()) {
                throw asked;
            }
            ObjectNode authenticated = keys.deepCopy();
            ObjectNode auth = authenticated.putObject("auth").put("type", "m.login.password")
                    .put("session", asked.authSession().get()).put("password", password.get().reveal());
            auth.putObject("identifier").put("type", "m.id.user").put("user", userId);
            call(post(url, authenticated), http);
        }
    }

    @Override
    public JsonNode uploadSignatures(ObjectNode signed) {
        return call(post(url("keys/signatures/upload"), signed), http).path("failures");
    }

    @Override
    public void sendToDevice(String eventType, String txnId, ObjectNode messages) {
        ObjectNode body = json.createObjectNode();
        body.set("messages", messages);
        HttpUrl url = api.newBuilder().addPathSegment("sendToDevice").addPathSegment(eventType).addPathSegment(txnId).build();
        call(new Request.Builder().url(url).put(RequestBody.create(body.toString(), JSON_TYPE)).build(), http);
    }

    @Override
    public List<String> joinedRooms() {
        List<String> rooms = new ArrayList<>();
        call(get(url("joined_rooms")), http).path("joined_rooms").forEach(room -> rooms.add(room.asText()));
        return rooms;
    }

    @Override
    public Optional<JsonNode> roomState(String roomId, String eventType) {
        HttpUrl url = api.newBuilder().addPathSegment("rooms").addPathSegment(roomId).addPathSegment("state")
                .addPathSegment(eventType).addPathSegment("").build();
        try {
            return Optional.of(call(get(url), http));
        } catch (MatrixException e) {
            if ("M_NOT_FOUND".equals(e.errcode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<JsonNode> accountData(String userId, String type) {
        try {
            return Optional.of(call(get(accountDataUrl(userId, type)), http));
        } catch (MatrixException e) {
            if ("M_NOT_FOUND".equals(e.errcode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setAccountData(String userId, String type, ObjectNode content) {
        Request request = new Request.Builder().url(accountDataUrl(userId, type))
                .put(RequestBody.create(content.toString(), JSON_TYPE)).build();
        call(request, http);
    }

    private SyncBatch parseSync(JsonNode body) {
        List<SyncBatch.RoomEvent> events = new ArrayList<>();
        Set<String> encrypted = new HashSet<>();
        for (Map.Entry<String, JsonNode> room : entries(body.path("rooms").path("join"))) {
            for (JsonNode event : room.getValue().path("state").path("events")) {
                if (event.path("type").asText().equals(ENCRYPTION)) {
                    encrypted.add(room.getKey());
                }
            }
            for (JsonNode event : room.getValue().path("timeline").path("events")) {
                if (event.path("type").asText().equals(ENCRYPTION)) {
                    encrypted.add(room.getKey());
                }
                events.add(new SyncBatch.RoomEvent(
                        room.getKey(),
                        event.path("event_id").asText(),
                        event.path("type").asText(),
                        event.path("sender").asText(),
                        event.hasNonNull("state_key") ? event.get("state_key").asText() : null,
                        contentOf(event)));
            }
        }
        List<SyncBatch.RoomInvite> invites = new ArrayList<>();
        for (Map.Entry<String, JsonNode> room : entries(body.path("rooms").path("invite"))) {
            for (JsonNode event : room.getValue().path("invite_state").path("events")) {
                if (event.path("type").asText().equals("m.room.member")
                        && event.path("state_key").asText().equals(ownUserId)
                        && event.path("content").path("membership").asText().equals("invite")) {
                    invites.add(new SyncBatch.RoomInvite(room.getKey(), event.path("sender").asText(),
                            event.path("content").path("is_direct").asBoolean(false)));
                }
            }
        }
        List<SyncBatch.ToDevice> toDevice = new ArrayList<>();
        for (JsonNode event : body.path("to_device").path("events")) {
            toDevice.add(new SyncBatch.ToDevice(event.path("sender").asText(), event.path("type").asText(), event.path("content")));
        }
        Map<String, Integer> oneTimeKeys = new TreeMap<>();
        entries(body.path("device_one_time_keys_count")).forEach(count -> oneTimeKeys.put(count.getKey(), count.getValue().asInt()));
        Optional<Set<String>> unusedFallback = body.has("device_unused_fallback_key_types")
                ? Optional.of(strings(body.get("device_unused_fallback_key_types"))) : Optional.empty();
        return new SyncBatch(body.path("next_batch").asText(), events, invites, encrypted, toDevice,
                new SyncBatch.DeviceLists(strings(body.path("device_lists").path("changed")),
                        strings(body.path("device_lists").path("left"))),
                new SyncBatch.OneTimeKeys(oneTimeKeys, unusedFallback));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        return () -> fields;
    }

    private HttpUrl url(String path) {
        return api.newBuilder().addPathSegments(path).build();
    }

    private HttpUrl.Builder room(String roomId) {
        return api.newBuilder().addPathSegment("rooms").addPathSegment(roomId);
    }

    private HttpUrl accountDataUrl(String userId, String type) {
        return api.newBuilder().addPathSegment("user").addPathSegment(userId)
                .addPathSegment("account_data").addPathSegment(type).build();
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder().url(url).get().build();
    }

    private static Request post(HttpUrl url, JsonNode body) {
        return new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE)).build();
    }

    /** Every call honours the homeserver's rate limit: it waits as long as {@code retry_after_ms} asks, a few times. */
    private JsonNode call(Request request, OkHttpClient client) {
        return Failsafe.with(rateLimit).get(() -> once(request, client));
    }

    private JsonNode once(Request request, OkHttpClient client) {
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (response.isSuccessful()) {
                return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
            }
            JsonNode body = errorBody(text);
            if (response.code() == 401 && body.has("flows")) {
                throw MatrixException.authenticationNeeded(body.path("session").asText(""));
            }
            throw new MatrixException("homeserver answered HTTP " + response.code() + " "
                    + body.path("errcode").asText("") + ": " + body.path("error").asText(""),
                    response.code(), body.path("errcode").asText(""),
                    response.code() == 429 ? retryAfter(body, response) : null, null);
        } catch (IOException e) {
            throw new MatrixException("homeserver " + api.host() + " is unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 0, "", e);
        }
    }

    /** A proxy in front of a homeserver that is down answers HTML, not a Matrix error. */
    private JsonNode errorBody(String text) {
        try {
            JsonNode body = json.readTree(text);
            return body != null && body.isObject() ? body : json.createObjectNode();
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static Duration retryAfter(JsonNode body, Response response) {
        Duration wait = Duration.ofSeconds(1);
        if (body.hasNonNull("retry_after_ms")) {
            wait = Duration.ofMillis(body.get("retry_after_ms").asLong());
        } else if (response.header("Retry-After") != null) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(response.header("Retry-After").trim()));
            } catch (NumberFormatException httpDate) {
                // a date form of Retry-After: keep the one-second default
            }
        }
        return wait.compareTo(LONGEST_RATE_LIMIT_WAIT) > 0 ? LONGEST_RATE_LIMIT_WAIT : wait;
    }

    /** Before room version 11 a redaction names its event outside the content; the bot reads it from the content. */
    private static JsonNode contentOf(JsonNode event) {
        JsonNode content = event.path("content");
        if (event.path("type").asText().equals("m.room.redaction") && !content.has("redacts") && event.hasNonNull("redacts")
                && content.isObject()) {
            return ((ObjectNode) content.deepCopy()).put("redacts", event.get("redacts").asText());
        }
        return content;
    }
}
