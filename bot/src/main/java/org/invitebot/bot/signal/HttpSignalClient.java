package org.invitebot.bot.signal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * signal-cli-rest-api over HTTP (OkHttp + Jackson). The bot's number is part of most paths; it is a
 * secret of the configuration, so it appears in no message of this class.
 */
public final class HttpSignalClient implements SignalClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpUrl base;
    private final String account;
    private final OkHttpClient http;
    private final OkHttpClient receiving;
    private final ObjectMapper json = new ObjectMapper();

    /** @param account the bot's registered number */
    public HttpSignalClient(URI url, String account, OkHttpClient base) {
        this.base = HttpUrl.get(url.toString());
        this.account = account;
        this.http = base.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(45))
                .build();
        // a receive call waits for messages, and the WebSocket lives long: no read or call timeout there
        this.receiving = http.newBuilder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO)
                .pingInterval(Duration.ofSeconds(30)).build();
    }

    @Override
    public long send(String recipient, String message) {
        ObjectNode body = json.createObjectNode()
                .put("number", account)
                .put("message", message)
                .put("text_mode", "normal");
        body.putArray("recipients").add(recipient);
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegments("v2/send").build())
                .post(RequestBody.create(body.toString(), JSON_TYPE))
                .build();
        return call(http, request, "send a message").path("timestamp").asLong();
    }

    @Override
    public boolean isRegistered(String number) {
        HttpUrl url = base.newBuilder().addPathSegments("v1/search").addPathSegment(account)
                .addQueryParameter("numbers", number).build();
        for (JsonNode found : call(http, new Request.Builder().url(url).build(), "look a number up")) {
            if (number.equals(found.path("number").asText())) {
                return found.path("registered").asBoolean();
            }
        }
        return false;
    }

    @Override
    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        call(http, new Request.Builder().url(base.newBuilder().addPathSegments("v1/accounts").build()).build(), "list its accounts")
                .forEach(account -> accounts.add(account.asText()));
        return accounts;
    }

    @Override
    public SignalAbout about() {
        JsonNode about = call(http, new Request.Builder().url(base.newBuilder().addPathSegments("v1/about").build()).build(),
                "read /v1/about");
        return new SignalAbout(about.path("mode").asText(), about.path("version").asText());
    }

    @Override
    public List<SignalMessage> receive(Duration wait) {
        HttpUrl url = receivePath().addQueryParameter("timeout", Long.toString(Math.max(1, wait.toSeconds()))).build();
        JsonNode envelopes = call(receiving, new Request.Builder().url(url).build(), "receive messages");
        List<SignalMessage> messages = new ArrayList<>();
        envelopes.forEach(envelope -> message(envelope).ifPresent(messages::add));
        return messages;
    }

    @Override
    public AutoCloseable listen(SignalListener listener) {
        WebSocket socket = receiving.newWebSocket(new Request.Builder().url(receivePath().build()).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    message(json.readTree(text)).ifPresent(listener::onMessage);
                } catch (IOException e) {
                    listener.onClosed("a frame that is not JSON: " + e.getMessage());
                    webSocket.cancel();
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                listener.onClosed("closed by signal-cli-rest-api (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable fault, Response response) {
                listener.onClosed(response == null ? String.valueOf(fault.getMessage())
                        : "HTTP " + response.code() + " instead of a WebSocket");
            }
        });
        return () -> socket.close(1000, "invitebot stops");
    }

    private HttpUrl.Builder receivePath() {
        return base.newBuilder().addPathSegments("v1/receive").addPathSegment(account);
    }

    /**
     * A direct text message in a signal-cli envelope; receipts, typing notices, group messages and
     * messages synced from the bot's other devices are not commands.
     */
    static Optional<SignalMessage> message(JsonNode frame) {
        JsonNode envelope = frame.has("envelope") ? frame.get("envelope") : frame;
        JsonNode data = envelope.path("dataMessage");
        String source = envelope.path("sourceNumber").asText(envelope.path("source").asText(""));
        if (!data.path("message").isTextual() || data.has("groupInfo") || data.has("groupV2") || !source.startsWith("+")) {
            return Optional.empty();
        }
        long timestamp = envelope.path("timestamp").asLong(data.path("timestamp").asLong());
        return Optional.of(new SignalMessage(source, timestamp, data.get("message").asText()));
    }

    private JsonNode call(OkHttpClient client, Request request, String what) {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return body.isBlank() ? json.createObjectNode() : json.readTree(body);
            }
            String error = errorText(body);
            throw new SignalException("signal-cli-rest-api could not " + what + ": HTTP " + response.code()
                    + (error.isEmpty() ? "" : " " + error), response.code(), error, null);
        } catch (IOException e) {
            throw new SignalException("signal-cli-rest-api at " + base + " did not answer (" + e.getMessage() + ")", 0, "", e);
        }
    }

    private String errorText(String body) {
        try {
            return json.readTree(body).path("error").asText("");
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
