package org.invitebot.testbed.authentik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mockwebserver3.MockResponse;

/**
 * An answer of the stand-in.
 *
 * @param body {@code null} for none
 */
record AuthentikReply(int status, String contentType, String body) {

    static AuthentikReply json(int status, JsonNode body) {
        return new AuthentikReply(status, "application/json", body.toString());
    }

    static AuthentikReply noContent() {
        return new AuthentikReply(204, null, null);
    }

    /** DRF's error shape for everything but validation errors ({@code GenericError} in the schema). */
    static AuthentikReply detail(int status, String detail) {
        return json(status, JsonNodeFactory.instance.objectNode().put("detail", detail));
    }

    static AuthentikReply notFound() {
        return detail(404, "Not found.");
    }

    /** What the reverse proxy in front of Authentik answers when Authentik behind it fails or is down. */
    static AuthentikReply proxyError(int status) {
        return new AuthentikReply(status, "text/html", "<html><body><h1>" + status + "</h1></body></html>");
    }

    MockResponse toMockResponse() {
        MockResponse.Builder response = new MockResponse.Builder().code(status);
        if (body != null) {
            response.setHeader("Content-Type", contentType).body(body);
        }
        return response.build();
    }
}
