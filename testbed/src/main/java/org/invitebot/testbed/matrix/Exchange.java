package org.invitebot.testbed.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import org.invitebot.testbed.RequestText;

/**
 * One HTTP request as the stand-in reads it.
 *
 * @param mediaType the Content-Type without parameters, lower case, "" when absent
 * @param body      the body as text, "" when there is none
 * @param json      the body parsed, when it is JSON
 */
record Exchange(String method, HttpUrl url, String mediaType, Optional<String> accessToken, boolean tokenInQuery, String body,
        Optional<JsonNode> json) {

    static Exchange of(RecordedRequest request) {
        String contentType = request.getHeaders().get("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String authorization = request.getHeaders().get("Authorization");
        HttpUrl url = currentVersion(request.getUrl());
        Optional<String> token = authorization != null && authorization.startsWith("Bearer ")
                ? Optional.of(authorization.substring("Bearer ".length()).strip())
                : Optional.ofNullable(url.queryParameter("access_token"));
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        // the query form of the token is deprecated but Synapse still takes it (matrix-nio, the tests' E2EE client,
        // uses it); kept out of the URL so it is never written to a log
        return new Exchange(request.getMethod(), url.newBuilder().removeAllQueryParameters("access_token").build(), mediaType,
                token, url.queryParameter("access_token") != null, body, RequestText.json(body));
    }

    /** Synapse still serves the r0 prefix as v3, and some clients (matrix-nio) use it. */
    private static HttpUrl currentVersion(HttpUrl url) {
        List<String> segments = url.pathSegments();
        if (segments.size() < 3 || !segments.get(0).equals("_matrix") || !segments.get(1).equals("client")
                || !segments.get(2).equals("r0")) {
            return url;
        }
        return url.newBuilder().setPathSegment(2, "v3").build();
    }

    List<String> pathSegments() {
        return url.pathSegments();
    }

    boolean hasBody() {
        return !body.isEmpty();
    }

    /** The path and query as sent, still percent-encoded. */
    String target() {
        return RequestText.target(url);
    }
}
