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
record Exchange(String method, HttpUrl url, String mediaType, Optional<String> accessToken, String body,
        Optional<JsonNode> json) {

    static Exchange of(RecordedRequest request) {
        String contentType = request.getHeaders().get("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String authorization = request.getHeaders().get("Authorization");
        Optional<String> token = authorization != null && authorization.startsWith("Bearer ")
                ? Optional.of(authorization.substring("Bearer ".length()).strip())
                : Optional.empty();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        return new Exchange(request.getMethod(), request.getUrl(), mediaType, token, body, RequestText.json(body));
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
