package org.invitebot.bot.text;

import java.util.function.Predicate;

/**
 * A flag a command accepts: an on/off switch ({@code --link}) or one that takes a value
 * ({@code --signal +15551234567} or {@code --signal=+15551234567}).
 *
 * @param needs for a flag with a value: the error when the value is missing, saying what is expected
 * @param plausible for a flag with a value: rejects values that are clearly something else (a group name
 *     after {@code --signal}); the policy does the real validation
 */
record Flag(String name, boolean takesValue, String needs, Predicate<String> plausible) {

    static Flag onOff(String name) {
        return new Flag(name, false, "", value -> true);
    }

    static Flag withValue(String name, String needs, Predicate<String> plausible) {
        return new Flag(name, true, needs, plausible);
    }

    /**
     * A word starting with a dash is a flag. Phones turn {@code --} into an en or em dash, so those count,
     * and stand for {@code --}.
     */
    static boolean isDash(int cp) {
        return cp == '-' || cp == '–' || cp == '—';
    }

    static boolean looksLikeFlag(Tokenizer.Token token) {
        return !token.quoted() && !token.text().isEmpty() && isDash(token.text().codePointAt(0));
    }

    static String asTyped(String word) {
        return word.startsWith("–") || word.startsWith("—") ? "--" + word.substring(1) : word;
    }
}
