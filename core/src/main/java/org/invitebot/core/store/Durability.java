package org.invitebot.core.store;

/** How far a write must have gone when the store returns (ADR 0004). */
public enum Durability {
    /** Committed: survives the process being killed; reaches the disk with the next {@link #ON_DISK} write. */
    CRASH_SAFE,
    /** Committed and fsynced: survives a power loss; for writes that guard an effect outside the bot. */
    ON_DISK
}
