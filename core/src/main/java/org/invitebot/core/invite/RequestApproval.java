package org.invitebot.core.invite;

import java.util.Objects;
import java.util.Optional;

/**
 * The member's request an approval makes an invitation for.
 *
 * @param requester   the member who asked, recorded on the invitation beside the approver
 * @param requestKey  the request's own command ID, recorded on the invitation so that whichever approval made it,
 *                    a later one finds it
 * @param earlierName the name an earlier approval took before it gave up on Authentik; Authentik may have made that
 *                    invitation all the same
 */
public record RequestApproval(String requester, String requestKey, Optional<String> earlierName) {

    public RequestApproval {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requestKey, "requestKey");
    }
}
