package org.invitebot.bot.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the arguments of a command into words, like a shell but forgiving of what phones type.
 *
 * <ul>
 *   <li>Words are separated by any run of spaces, tabs, newlines, non-breaking or other Unicode spaces.
 *   <li>A word that starts with a quote runs to the matching closing quote. Straight quotes, typographic
 *       quotes and guillemets all work, and any quote of the same kind closes ({@code "…"}, {@code “…”},
 *       {@code „…“}, {@code ”…”}; {@code '…'}, {@code ‘…’}; {@code «…»}) because phone keyboards pick the
 *       shape, not the user.
 *   <li>A quote closes only when a space or the end of the message follows it, so an apostrophe inside a
 *       name stays in it: {@code 'Jane O'Brien'}. A backslash before a quote (or a backslash) inside quotes
 *       makes it literal: {@code "Jane \"JJ\" Smith"}.
 *   <li>A quote must close on the line it opened: a name never spans lines.
 *   <li>Inside quotes, runs of spaces become one space and the ends are trimmed.
 *   <li>Quotes open only at the start of a word, or right after the {@code =} of a flag
 *       ({@code --name-of="Jane Smith"}); elsewhere a quote is an ordinary character, so
 *       {@code o'brien@example.com} is one word.
 * </ul>
 */
final class Tokenizer {

    /**
     * One word of a command.
     *
     * @param quoted written in quotes: a name or a value, never a flag or an expiry
     */
    record Token(String text, boolean quoted) {
    }

    sealed interface Result {

        record Words(List<Token> tokens) implements Result {
        }

        record Problem(String error) implements Result {
        }
    }

    private static final int NOT_A_QUOTE = 0;
    private static final int DOUBLE = 1;
    private static final int SINGLE = 2;
    private static final int GUILLEMET = 3;

    private final int[] cps;
    private int pos;
    private int openedAt;

    private Tokenizer(String text) {
        this.cps = text.codePoints().toArray();
    }

    static Result split(String text) {
        return new Tokenizer(text).words();
    }

    static boolean isSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || Character.isSpaceChar(cp);
    }

    private Result words() {
        List<Token> tokens = new ArrayList<>();
        while (skipSpaces()) {
            StringBuilder word = new StringBuilder();
            boolean quoted = quoteFamily(cps[pos]) != NOT_A_QUOTE;
            boolean closed = quoted ? readQuoted(word) : readPlain(word);
            if (!closed) {
                return new Result.Problem("missing closing quote after " + firstWordFromOpeningQuote());
            }
            if (quoted && word.length() == 0) {
                return new Result.Problem("empty quotes " + new String(cps, openedAt, pos - openedAt)
                        + "; put a name or a value between them");
            }
            tokens.add(new Token(word.toString(), quoted));
        }
        return new Result.Words(tokens);
    }

    private boolean skipSpaces() {
        while (pos < cps.length && isSpace(cps[pos])) {
            pos++;
        }
        return pos < cps.length;
    }

    private boolean readPlain(StringBuilder word) {
        boolean flag = Flag.isDash(cps[pos]);
        boolean seenEquals = false;
        while (pos < cps.length && !isSpace(cps[pos])) {
            int cp = cps[pos];
            word.appendCodePoint(cp);
            pos++;
            if (flag && cp == '=' && !seenEquals && pos < cps.length && quoteFamily(cps[pos]) != NOT_A_QUOTE) {
                return readQuoted(word);
            }
            seenEquals |= cp == '=';
        }
        return true;
    }

    /** From the opening quote at {@code pos}; false when the line or the message ends before the quote closes. */
    private boolean readQuoted(StringBuilder word) {
        openedAt = pos;
        int family = quoteFamily(cps[pos]);
        int start = word.length();
        boolean pendingSpace = false;
        pos++;
        while (pos < cps.length && cps[pos] != '\n') {
            int cp = cps[pos];
            if (cp == '\\' && pos + 1 < cps.length && (quoteFamily(cps[pos + 1]) != NOT_A_QUOTE || cps[pos + 1] == '\\')) {
                cp = cps[pos + 1];
                pos++;
            } else if (quoteFamily(cp) == family && (pos + 1 == cps.length || isSpace(cps[pos + 1]))) {
                pos++;
                return true;
            } else if (isSpace(cp)) {
                pendingSpace = word.length() > start;
                pos++;
                continue;
            }
            if (pendingSpace) {
                word.append(' ');
                pendingSpace = false;
            }
            word.appendCodePoint(cp);
            pos++;
        }
        return false;
    }

    /** {@code "Jane} for {@code "Jane Smith 7d}: enough for the sender to find the quote. */
    private String firstWordFromOpeningQuote() {
        int from = openedAt + 1;
        while (from < cps.length && isSpace(cps[from])) {
            from++;
        }
        int to = from;
        while (to < cps.length && !isSpace(cps[to])) {
            to++;
        }
        return Excerpt.of(new String(Character.toChars(cps[openedAt])) + new String(cps, from, to - from));
    }

    private static int quoteFamily(int cp) {
        return switch (cp) {
            case '"', '“', '”', '„', '‟' -> DOUBLE;
            case '\'', '‘', '’', '‚', '‛' -> SINGLE;
            case '«', '»' -> GUILLEMET;
            default -> NOT_A_QUOTE;
        };
    }
}
