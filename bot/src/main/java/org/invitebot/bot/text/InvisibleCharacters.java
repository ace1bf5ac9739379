package org.invitebot.bot.text;

import java.util.OptionalInt;

/**
 * Characters that do not show, or that reorder what is shown, and so could make a command read differently
 * from what it does: {@code jane@example.com} with a U+202E in it displays as another address (the
 * "Trojan Source" trick, CVE-2021-42574). A command containing one is refused rather than passed on.
 *
 * <p>The Hangul fillers are letters, not controls, but show as blank and are the usual way to make a name look
 * empty; composed Hangul text never needs them.
 *
 * <p>Zero-width joiner and non-joiner (U+200C, U+200D) are allowed: Persian and Indic names and emoji need
 * them. Email addresses refuse them separately.
 */
final class InvisibleCharacters {

    private InvisibleCharacters() {
    }

    /** The first invisible character in {@code text}, if any. */
    static OptionalInt first(String text) {
        return text.codePoints().filter(InvisibleCharacters::isInvisible).findFirst();
    }

    static boolean isInvisible(int cp) {
        if (cp == '\t' || cp == '\n') {
            return false;
        }
        return cp < 0x20                                   // C0 controls
                || (cp >= 0x7F && cp <= 0x9F)               // DEL and C1 controls
                || cp == 0x00AD                             // soft hyphen
                || cp == 0x061C                             // Arabic letter mark (bidi)
                || cp == 0x180E                             // Mongolian vowel separator
                || cp == 0x200B                             // zero-width space
                || cp == 0x200E || cp == 0x200F             // LRM, RLM
                || (cp >= 0x202A && cp <= 0x202E)           // bidi embeddings and overrides
                || (cp >= 0x2060 && cp <= 0x2064)           // word joiner, invisible operators
                || (cp >= 0x2066 && cp <= 0x2069)           // bidi isolates
                || cp == 0xFEFF                             // zero-width no-break space (BOM)
                || (cp >= 0xFFF9 && cp <= 0xFFFB)           // interlinear annotation
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers: letters that show as nothing
                || Character.getType(cp) == Character.SURROGATE; // half of a pair: not text at all
    }
}
