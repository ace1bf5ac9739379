package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain Authentik API client for the tests: real HTTP with OkHttp, one Authorization header. */
final class AuthentikHttp {

    // no silent retry: the tests count requests and drop connections on purpose
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An HTTP answer.
     *
     * @param method and {@code path}: the request, below {@code /api/v3}, to find its operation in the schema
     * @param body   a missing node when the answer is not JSON
     */
    record Answer(String method, String path, int status, JsonNode body) {

        String detail() {
            return body.path("detail").asText();
        }
    }

    private final String baseUrl;
    private final String authorization;

    /** @param authorization the whole header value, or null to send none */
    AuthentikHttp(FakeAuthentik authentik, String authorization) {
        this.baseUrl = authentik.baseUrl();
        this.authorization = authorization;
    }

    static AuthentikHttp withToken(FakeAuthentik authentik, String token) {
        return new AuthentikHttp(authentik, "Bearer " + token);
    }

    /** @param pathAndQuery below {@code /api/v3/}, e.g. {@code core/users/?username=jane}, already encoded */
    Answer get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    Answer post(String pathAndQuery, String json) {
        return call("POST", pathAndQuery, json);
    }

    Answer delete(String pathAndQuery) {
        return call("DELETE", pathAndQuery, null);
    }

    Answer call(String method, String pathAndQuery, String json) {
        HttpUrl url = HttpUrl.get(baseUrl + "/api/v3/" + pathAndQuery);
        Request.Builder request = new Request.Builder().url(url)
                .method(method, json == null ? null : RequestBody.create(json, JSON_TYPE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = CLIENT.newCall(request.build()).execute()) {
            String text = response.body().string();
            JsonNode body;
            try {
                body = text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
            } catch (IOException notJson) {
                body = JSON.missingNode();
            }
            return new Answer(method, url.encodedPath().substring("/api/v3".length()), response.code(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query parameter value, percent-encoded. */
    static String encode(String value) {
        return HttpUrl.get("http://x/").newBuilder().addQueryParameter("q", value).build().encodedQuery().substring(2);
    }
}
