package org.invitebot.testbed.matrix;

/**
 * The homeserver refuses what was asked: answered over HTTP as a Matrix error, thrown as is to a
 * test that asked through the Java API.
 */
final class HomeserverRefusal extends RuntimeException {

    private final int status;
    private final String errcode;
    private final String reason;

    HomeserverRefusal(int status, String errcode, String reason) {
        super(errcode + ": " + reason);
        this.status = status;
        this.errcode = errcode;
        this.reason = reason;
    }

    static HomeserverRefusal forbidden(String reason) {
        return new HomeserverRefusal(403, "M_FORBIDDEN", reason);
    }

    static HomeserverRefusal notFound(String reason) {
        return new HomeserverRefusal(404, "M_NOT_FOUND", reason);
    }

    MatrixReply reply() {
        return MatrixReply.error(status, errcode, reason);
    }
}
