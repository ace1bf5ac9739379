package org.invitebot.testbed.authentik;

/** A request that does not fit Authentik's OpenAPI schema. */
public record ContractViolation(String method, String path, String problem) {

    @Override
    public String toString() {
        return method + " " + path + ": " + problem;
    }
}
