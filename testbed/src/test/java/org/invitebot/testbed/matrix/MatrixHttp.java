package org.invitebot.testbed.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain Matrix client for the tests: real HTTP with OkHttp, one access token. */
final class MatrixHttp {

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(15)).build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer; {@code body} is a missing node when the answer is not JSON. */
    record Answer(int status, JsonNode body, Headers headers) {

        String errcode() {
            return body.path("errcode").asText();
        }
    }

    private final HttpUrl base;
    private final String accessToken;

    MatrixHttp(FakeHomeserver homeserver, String accessToken) {
        this.base = HttpUrl.get(homeserver.baseUrl());
        this.accessToken = accessToken;
    }

    /** {@code /_matrix/client/v3/} followed by the segments, each percent-encoded as needed. */
    HttpUrl url(String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("_matrix/client/v3");
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    Answer get(HttpUrl url) {
        return call(new Request.Builder().url(url).get());
    }

    Answer post(HttpUrl url, String json) {
        return call(new Request.Builder().url(url).post(RequestBody.create(json, JSON_TYPE)));
    }

    Answer put(HttpUrl url, String json) {
        return call(new Request.Builder().url(url).put(RequestBody.create(json, JSON_TYPE)));
    }

    Answer send(String roomId, String eventType, String txnId, String contentJson) {
        return put(url("rooms", roomId, "send", eventType, txnId), contentJson);
    }

    /** {@code GET /sync}; {@code since} null for an initial sync. */
    Answer sync(String since, long timeoutMs) {
        HttpUrl.Builder url = url("sync").newBuilder().addQueryParameter("timeout", Long.toString(timeoutMs));
        if (since != null) {
            url.addQueryParameter("since", since);
        }
        return get(url.build());
    }

    private Answer call(Request.Builder request) {
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        try (Response response = CLIENT.newCall(request.build()).execute()) {
            String text = response.body().string();
            JsonNode body;
            try {
                body = JSON.readTree(text);
            } catch (IOException notJson) {
                body = JSON.missingNode();
            }
            return new Answer(response.code(), body == null ? JSON.missingNode() : body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
