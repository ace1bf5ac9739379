package org.invitebot.testbed.matrix;

/**
 * A request that does not fit the Matrix client-server spec.
 *
 * @param operation the spec's operationId, {@code null} when no operation has this path and method
 * @param problem   what is wrong, naming the parameter or the place in the body
 */
public record ContractViolation(String method, String path, String operation, String problem) {

    @Override
    public String toString() {
        return method + " " + path + (operation == null ? "" : " (" + operation + ")") + ": " + problem;
    }
}
