package org.invitebot.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.HttpUrl;

/** How every stand-in reads a request's text and points into its API document. */
public final class RequestText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestText() {
    }

    /** The path and query as sent, still percent-encoded. */
    public static String target(HttpUrl url) {
        return url.encodedQuery() == null ? url.encodedPath() : url.encodedPath() + "?" + url.encodedQuery();
    }

    /** The body parsed, when it is JSON. */
    public static Optional<JsonNode> json(String body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** A JSON pointer as an IRI fragment: path templates put '{' and '}' into pointers, which must not appear raw. */
    public static String iriFragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/~-._!$&'()*+,;=:@".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
