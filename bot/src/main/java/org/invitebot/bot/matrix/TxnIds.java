package org.invitebot.bot.matrix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Transaction IDs derived from the command's event ID and the purpose of the message, so the same
 * reply re-sent after a retry or a restart carries the same ID and the homeserver posts it once.
 */
public final class TxnIds {

    private TxnIds() {
    }

    public static String of(String commandEventId, String purpose) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((commandEventId + "\n" + purpose).getBytes(StandardCharsets.UTF_8));
            return "ib" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
