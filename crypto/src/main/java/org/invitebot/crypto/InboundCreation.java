package org.invitebot.crypto;

/** A session started by someone else's pre-key message, and that message's plaintext. */
public record InboundCreation(Session session, byte[] plaintext) {
}
