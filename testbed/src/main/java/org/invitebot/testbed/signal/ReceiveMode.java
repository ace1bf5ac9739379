package org.invitebot.testbed.signal;

/**
 * How signal-cli-rest-api runs signal-cli, as its {@code MODE} variable says (API-NOTES §9). The
 * mode decides what {@code /v1/receive/{number}} is and which error texts a failed send carries.
 */
public enum ReceiveMode {

    /** signal-cli runs as a command per request; receive is a plain GET answering a JSON array. */
    NORMAL("normal"),

    /** As {@link #NORMAL}, with signal-cli compiled to a native binary. */
    NATIVE("native"),

    /** One signal-cli daemon behind the server; receive is a WebSocket, one envelope per text frame. */
    JSON_RPC("json-rpc");

    private final String wireName;

    ReceiveMode(String wireName) {
        this.wireName = wireName;
    }

    /** As {@code MODE} and {@code GET /v1/about} spell it. */
    String wireName() {
        return wireName;
    }
}
