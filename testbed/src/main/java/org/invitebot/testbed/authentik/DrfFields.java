package org.invitebot.testbed.authentik;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Django REST framework's serializer fields, as far as Authentik's invitation create uses them: each
 * method reads one field of a request body, puts DRF's message for a bad value into {@code errors}
 * and returns {@code null} (or the default) for an absent one.
 */
final class DrfFields {

    // the validator of Invitation.name (migration 0010_alter_invitation_name, API-NOTES §1)
    private static final Pattern SLUG = Pattern.compile("[-a-zA-Z0-9_]+");
    private static final String SLUG_MESSAGE = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.";
    // django.utils.dateparse.datetime_re; a naive time is taken as UTC, Authentik's TIME_ZONE
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})[T ](\\d{1,2}):(\\d{1,2})"
            + "(?::(\\d{1,2})(?:[.,](\\d{1,6})\\d{0,6})?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final String DATE_TIME_MESSAGE = "Datetime has wrong format. Use one of these formats instead: "
            + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    private static final Set<String> TRUE = Set.of("t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "1");
    private static final Set<String> FALSE = Set.of("f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off",
            "OFF", "0");

    private DrfFields() {
    }

    /** A required CharField (whitespace trimmed, blank refused) with the slug validator. */
    static String slug(JsonNode body, String field, Map<String, List<String>> errors) {
        JsonNode value = body.get(field);
        if (value == null) {
            errors.put(field, List.of("This field is required."));
            return null;
        }
        if (value.isNull()) {
            errors.put(field, List.of("This field may not be null."));
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            errors.put(field, List.of("Not a valid string."));
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            errors.put(field, List.of("This field may not be blank."));
            return null;
        }
        if (!SLUG.matcher(text).matches()) {
            errors.put(field, List.of(SLUG_MESSAGE));
            return null;
        }
        return text;
    }

    /** An optional, nullable DateTimeField. */
    static Instant dateTime(JsonNode body, String field, Map<String, List<String>> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Matcher parts = DATE_TIME.matcher(value.isTextual() ? value.asText() : "");
        if (!parts.matches()) {
            errors.put(field, List.of(DATE_TIME_MESSAGE));
            return null;
        }
        try {
            String fraction = parts.group(7) == null ? "0" : (parts.group(7) + "00000").substring(0, 6);
            LocalDateTime local = LocalDateTime.of(number(parts.group(1)), number(parts.group(2)), number(parts.group(3)),
                    number(parts.group(4)), number(parts.group(5)), parts.group(6) == null ? 0 : number(parts.group(6)),
                    number(fraction) * 1000);
            return local.toInstant(offset(parts.group(8)));
        } catch (DateTimeException e) {
            errors.put(field, List.of(DATE_TIME_MESSAGE));
            return null;
        }
    }

    /** An optional BooleanField; it takes the spellings DRF takes. */
    static boolean bool(JsonNode body, String field, boolean fallback, Map<String, List<String>> errors) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            errors.put(field, List.of("This field may not be null."));
            return fallback;
        }
        String text = value.isBoolean() || value.isIntegralNumber() || value.isTextual() ? value.asText() : "";
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        errors.put(field, List.of("Must be a valid boolean."));
        return fallback;
    }

    /** An optional, nullable PrimaryKeyRelatedField to a model with a UUID primary key. */
    static UUID primaryKey(JsonNode body, String field, Predicate<UUID> exists, Map<String, List<String>> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.put(field, List.of("Incorrect type. Expected pk value, received " + RequestValues.pythonType(value) + "."));
            return null;
        }
        UUID pk = RequestValues.uuid(value.asText()).orElse(null);
        if (pk == null) {
            // Django's UUIDField refuses it before the lookup
            errors.put(field, List.of("“" + value.asText() + "” is not a valid UUID."));
            return null;
        }
        if (!exists.test(pk)) {
            errors.put(field, List.of("Invalid pk \"" + value.asText() + "\" - object does not exist."));
            return null;
        }
        return pk;
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = zone.startsWith("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
