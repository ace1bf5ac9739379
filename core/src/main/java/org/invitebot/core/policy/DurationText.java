package org.invitebot.core.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, {@code 120s}. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");

    /** The form, for error messages: "expected a duration like ..." */
    public static final String EXPECTED = "a duration like 30m, 12h, 7d or 2w";

    private DurationText() {
    }

    /** Parses {@code text}, or empty when it is not a duration of this form. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new AssertionError(m.group(2));
        });
    }

    /** The exact form of {@code d} in the largest unit up to days that divides it: 14d, 48h, 90m. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** {@code d} in words, in the largest unit that divides it: "5 minutes", "1 hour", "90 seconds". */
    public static String spoken(Duration d) {
        String exact = format(d);
        long n = Long.parseLong(exact.substring(0, exact.length() - 1));
        String unit = switch (exact.charAt(exact.length() - 1)) {
            case 'd' -> "day";
            case 'h' -> "hour";
            case 'm' -> "minute";
            default -> "second";
        };
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
