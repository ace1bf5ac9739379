package org.invitebot.core.policy;

import java.text.Normalizer;
import java.time.YearMonth;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Names after the runbook convention {@code firstname-lastname-YYYY-MM}, as slugs Authentik accepts
 * ({@code ^[-a-zA-Z0-9_]+$}). Authentik does not keep names unique, so the bot does (API-NOTES §0.4).
 */
public final class InvitationNames {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final int MAX_STEM = 40;

    private InvitationNames() {
    }

    /** From a display name ("Zoë Ångström" → zoe-angstrom-2026-11) or an email's local part. */
    public static String base(String displayNameOrLocalPart, YearMonth month) {
        String folded = COMBINING_MARKS.matcher(Normalizer.normalize(displayNameOrLocalPart, Normalizer.Form.NFKD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        String stem = trimHyphens(NOT_SLUG.matcher(folded).replaceAll("-"));
        if (stem.length() > MAX_STEM) {
            int cut = stem.lastIndexOf('-', MAX_STEM);
            stem = trimHyphens(stem.substring(0, cut > 0 ? cut : MAX_STEM));
        }
        if (stem.isEmpty()) {
            stem = "invitee";
        }
        return stem + "-" + month;
    }

    /** The local part without a {@code +tag}: jane.smith+news@example.com → jane.smith. */
    public static String localPart(String email) {
        String local = email.substring(0, email.lastIndexOf('@'));
        int plus = local.indexOf('+');
        return plus > 0 ? local.substring(0, plus) : local;
    }

    /** {@code base} if free, else {@code base-2}, {@code base-3}, ... */
    public static String unique(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
