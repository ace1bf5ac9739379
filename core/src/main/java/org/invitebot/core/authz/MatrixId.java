package org.invitebot.core.authz;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Matrix user ID {@code @localpart:server}, split so the server can be checked on its own. */
public record MatrixId(String localpart, String server) {

    // The server name may carry a port; the localpart never contains ':' (Matrix spec, "User Identifiers").
    private static final Pattern FORM = Pattern.compile("@([^:\\s]+):([A-Za-z0-9.\\-\\[\\]:]+)");

    public static Optional<MatrixId> parse(String userId) {
        Matcher m = FORM.matcher(userId);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MatrixId(m.group(1), m.group(2).toLowerCase(Locale.ROOT)));
    }
}
