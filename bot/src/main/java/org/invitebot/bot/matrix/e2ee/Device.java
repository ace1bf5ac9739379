package org.invitebot.bot.matrix.e2ee;

/**
 * A device of a user, with the identity keys its own signature vouches for.
 *
 * @param crossSigned whether the user's self-signing key signed it: its owner verified it
 */
record Device(String userId, String deviceId, String curve25519, String ed25519, boolean crossSigned) {
}
