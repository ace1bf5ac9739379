package org.invitebot.bot.text;

import java.util.Locale;
import java.util.Optional;

/**
 * A pragmatic check of an address typed in chat: not RFC 5322, but what mail servers and people actually use.
 * It catches what goes wrong when typing ({@code jane@example}, a trailing comma, {@code <jane@example.com>},
 * invisible characters) and leaves deliverability to the mail server.
 */
public final class EmailAddress {

    sealed interface Check {

        /** @param address {@code mailto:} removed, the domain lower-cased, the local part as typed */
        record Valid(String address) implements Check {
        }

        /** @param reason why it is not an address, phrased to follow "is not a valid email address: " */
        record Invalid(String reason) implements Check {
        }
    }

    private static final String MAILTO = "mailto:";
    private static final int MAX_LENGTH = 254;
    /** Allowed by RFC 5322 only inside quoted local parts, which nobody types; more likely punctuation around it. */
    private static final String NOT_IN_LOCAL_PART = "<>()[],;:\"\\";

    private EmailAddress() {
    }

    /** Whether the sender meant an address: then a typo in it is an error, not a name. */
    public static boolean isMeant(String text) {
        return text.indexOf('@') >= 0 || hasMailto(text);
    }

    static Check check(String typed) {
        String text = hasMailto(typed) ? typed.substring(MAILTO.length()) : typed;
        int at = text.indexOf('@');
        if (at < 0) {
            return new Check.Invalid("it has no @");
        }
        if (text.indexOf('@', at + 1) >= 0) {
            return new Check.Invalid("it has more than one @");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return new Check.Invalid("it is longer than " + MAX_LENGTH + " characters");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.isEmpty()) {
            return new Check.Invalid("there is nothing before the @");
        }
        if (domain.isEmpty()) {
            return new Check.Invalid("there is nothing after the @");
        }
        int bad = text.codePoints().filter(EmailAddress::neverInAddress).findFirst().orElse(-1);
        if (bad >= 0) {
            return new Check.Invalid(Tokenizer.isSpace(bad) ? "it contains a space" : "it contains invisible characters");
        }
        int odd = local.codePoints().filter(cp -> NOT_IN_LOCAL_PART.indexOf(cp) >= 0).findFirst().orElse(-1);
        if (odd >= 0) {
            return new Check.Invalid("it contains \"" + new String(Character.toChars(odd)) + "\"");
        }
        return checkDomain(domain).orElse(new Check.Valid(local + "@" + domain.toLowerCase(Locale.ROOT)));
    }

    private static Optional<Check> checkDomain(String domain) {
        if (!domain.codePoints().allMatch(cp -> cp == '.' || cp == '-' || Character.isLetterOrDigit(cp)
                || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK)) {
            return Optional.of(new Check.Invalid("the domain may only contain letters, digits, dots and hyphens"));
        }
        if (domain.indexOf('.') < 0) {
            return Optional.of(new Check.Invalid("the domain needs a dot, like example.com"));
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of(new Check.Invalid("the domain has an empty part between dots"));
        }
        return Optional.empty();
    }

    private static boolean hasMailto(String text) {
        return text.regionMatches(true, 0, MAILTO, 0, MAILTO.length());
    }

    private static boolean neverInAddress(int cp) {
        return Tokenizer.isSpace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || InvisibleCharacters.isInvisible(cp);
    }
}
