package org.invitebot.crypto;

/** A decrypted Megolm message and its index in the session, against which replays are checked. */
public record GroupDecryption(byte[] plaintext, int messageIndex) {
}
