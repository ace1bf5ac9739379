package org.invitebot.crypto;

/**
 * An Olm message as Matrix carries it.
 *
 * @param type {@link #PRE_KEY} until the sender has heard back, then {@link #NORMAL}
 * @param body the message in unpadded base64
 */
public record OlmMessage(int type, String body) {

    public static final int PRE_KEY = 0;
    public static final int NORMAL = 1;
}
