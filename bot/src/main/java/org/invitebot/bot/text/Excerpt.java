package org.invitebot.bot.text;

/** Echoes what the sender typed inside an error message, cut short so the reply stays one readable line. */
final class Excerpt {

    static final int MAX_CODE_POINTS = 40;

    private Excerpt() {
    }

    static String of(String typed) {
        if (typed.codePointCount(0, typed.length()) <= MAX_CODE_POINTS) {
            return typed;
        }
        return typed.substring(0, typed.offsetByCodePoints(0, MAX_CODE_POINTS - 1)) + "…";
    }
}
