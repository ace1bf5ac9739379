package org.invitebot.bot.matrix.e2ee;

/**
 * Where the bot's cross-signing stands on the homeserver.
 *
 * @param keysStored   the state file holds the bot's cross-signing keys
 * @param keysOnServer the homeserver holds a master key for the bot's account
 * @param keysMatch    its master and self-signing keys are the ones in the state file
 * @param deviceSigned the bot's device carries a valid signature of that self-signing key
 */
public record CrossSigningStatus(boolean keysStored, boolean keysOnServer, boolean keysMatch, boolean deviceSigned) {

    public boolean complete() {
        return keysStored && keysOnServer && keysMatch && deviceSigned;
    }
}
