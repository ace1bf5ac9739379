package org.invitebot.testbed.authentik;

/**
 * A request that does not fit Authentik's OpenAPI schema, or that needs what the stand-in does not serve.
 *
 * @param path path and query as sent, percent-encoded
 */
public record ContractViolation(String method, String path, String problem) {

    @Override
    public String toString() {
        return method + " " + path + ": " + problem;
    }
}
