package org.invitebot.core.store;

/** Where an invitation request stands. Only {@link #OPEN} ones wait for a decision. */
public enum RequestState {
    OPEN,
    /** An approver's command has claimed it and is making the invitation; no one else can decide it now. */
    APPROVING,
    APPROVED,
    DENIED,
    EXPIRED
}
