package org.invitebot.testbed.signal;

/**
 * A request that does not fit signal-cli-rest-api's swagger, misuses the server in a way the swagger
 * cannot express (a plain GET on a WebSocket), or needs what the stand-in does not serve.
 *
 * @param path path and query as sent, percent-encoded
 */
public record ContractViolation(String method, String path, String problem) {

    @Override
    public String toString() {
        return method + " " + path + ": " + problem;
    }
}
