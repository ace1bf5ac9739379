package org.invitebot.testbed.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mockwebserver3.MockResponse;
import okhttp3.WebSocketListener;

/** An answer of the stand-in, with the content types gin writes. */
record SignalReply(int status, MockResponse response) {

    static SignalReply json(int status, JsonNode body) {
        return text(status, "application/json; charset=utf-8", body.toString());
    }

    /** The real server's error shape everywhere: {@code {"error": "..."}}. */
    static SignalReply error(int status, String message) {
        return json(status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    static SignalReply text(int status, String contentType, String body) {
        return new SignalReply(status, new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body).build());
    }

    static SignalReply noContent() {
        return new SignalReply(204, new MockResponse.Builder().code(204).build());
    }

    /** gin's answer to a path it has no route for, and to a method a path lacks (it does not answer 405). */
    static SignalReply pageNotFound() {
        return text(404, "text/plain", "404 page not found");
    }

    static SignalReply webSocket(WebSocketListener listener) {
        return new SignalReply(101, new MockResponse.Builder().webSocketUpgrade(listener).build());
    }
}
