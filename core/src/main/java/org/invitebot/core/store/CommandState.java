package org.invitebot.core.store;

/** Where a received command stands. Only {@link #DONE} is final; the others are resumed after a restart. */
public enum CommandState {
    /** recorded with the sync batch that brought it; nothing done yet */
    RECEIVED,
    /** being acted on; an invitation name may be reserved for it */
    IN_PROGRESS,
    /** the reply is decided and saved, so a restart re-sends exactly it */
    REPLYING,
    DONE
}
