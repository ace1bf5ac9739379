package org.invitebot.bot.logging;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The secret values of the running configuration, so the log layout can mask them wherever they
 * appear: in our messages, in a library's request dump, or in an exception's text.
 */
public final class KnownSecrets {

    /** Shorter values would mask ordinary words; real tokens are far longer. */
    private static final int SHORTEST = 6;
    private static final String MASK = "***";
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private KnownSecrets() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= SHORTEST) {
            SECRETS.add(secret);
        }
    }

    public static String mask(String text) {
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
