package org.invitebot.testbed.signal;

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
 * @param mediaType         the Content-Type without parameters, lower case, "" when absent
 * @param body              the body as text, "" when there is none
 * @param json              the body parsed, when it is JSON
 * @param asksForWebSocket  whether it is a WebSocket handshake ({@code Upgrade: websocket})
 */
record IncomingRequest(String method, HttpUrl url, String mediaType, String body, Optional<JsonNode> json,
        boolean asksForWebSocket) {

    static IncomingRequest of(RecordedRequest request) {
        String contentType = request.getHeaders().get("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        boolean webSocket = "websocket".equalsIgnoreCase(request.getHeaders().get("Upgrade"));
        return new IncomingRequest(request.getMethod(), request.getUrl(), mediaType, body, RequestText.json(body), webSocket);
    }

    /** Decoded, so that {@code %2B1555...} is {@code +1555...} as the real server unescapes it. */
    List<String> pathSegments() {
        return url.pathSegments();
    }

    /** The path and query as sent, still percent-encoded. */
    String target() {
        return RequestText.target(url);
    }
}
