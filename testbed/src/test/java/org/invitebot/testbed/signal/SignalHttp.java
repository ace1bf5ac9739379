package org.invitebot.testbed.signal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A plain signal-cli-rest-api client for the tests: real HTTP and WebSockets with OkHttp. */
final class SignalHttp {

    // no silent retry: the tests count requests and drop connections on purpose
    static final OkHttpClient CLIENT = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** @param body a missing node when the answer is not JSON */
    record Answer(int status, String contentType, String text, JsonNode body) {

        String error() {
            return body.path("error").asText();
        }
    }

    private final String baseUrl;

    SignalHttp(FakeSignal signal) {
        this.baseUrl = signal.baseUrl();
    }

    Answer get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    Answer post(String path, String json) {
        return call("POST", path, json);
    }

    /** {@code POST /v2/send} with the three required fields. */
    Answer send(String number, String message, String... recipients) {
        ObjectNode body = JSON.createObjectNode().put("message", message).put("number", number);
        for (String recipient : recipients) {
            body.withArrayProperty("recipients").add(recipient);
        }
        return post("/v2/send", body.toString());
    }

    Answer call(String method, String pathAndQuery, String json) {
        try {
            return execute(method, pathAndQuery, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer execute(String method, String pathAndQuery, String json) throws IOException {
        Request request = new Request.Builder().url(baseUrl + pathAndQuery)
                .method(method, json == null ? null : RequestBody.create(json, JSON_TYPE))
                .build();
        try (Response response = CLIENT.newCall(request).execute()) {
            String text = response.body().string();
            JsonNode body;
            try {
                body = text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
            } catch (IOException notJson) {
                body = JSON.missingNode();
            }
            return new Answer(response.code(), response.header("Content-Type"), text, body);
        }
    }

    /** Opens {@code /v1/receive/{number}} as a WebSocket and waits until it is open. */
    Receiver receive(String number) {
        Receiver receiver = new Receiver();
        CLIENT.newWebSocket(new Request.Builder().url(baseUrl + "/v1/receive/" + number).build(), receiver);
        return receiver;
    }

    /** The client side of a receive WebSocket: collects the text frames and how it ended. */
    static final class Receiver extends WebSocketListener {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CountDownLatch opened = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile WebSocket webSocket;
        private volatile int closeCode;
        private volatile Throwable failure;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.webSocket = webSocket;
            opened.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            frames.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            ended.countDown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            this.failure = failure;
            opened.countDown();
            ended.countDown();
        }

        boolean awaitOpen() throws InterruptedException {
            return opened.await(2, TimeUnit.SECONDS) && failure == null;
        }

        boolean awaitEnd() throws InterruptedException {
            return ended.await(2, TimeUnit.SECONDS);
        }

        /** The next text frame as JSON, or null if none arrives within {@code timeout}. */
        JsonNode nextFrame(Duration timeout) throws InterruptedException, IOException {
            String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return frame == null ? null : JSON.readTree(frame);
        }

        int closeCode() {
            return closeCode;
        }

        Throwable failure() {
            return failure;
        }

        void close() {
            if (webSocket != null) {
                webSocket.close(1000, null);
            }
        }
    }
}
