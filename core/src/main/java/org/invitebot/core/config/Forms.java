package org.invitebot.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.invitebot.core.policy.DurationText;

/** The forms of the configuration's values, each with the wording an operator sees when one is wrong. */
final class Forms {

    private static final String SERVER_NAME_PATTERN =
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
            + "|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?";

    static final Form<String> SERVER_NAME =
            matching("a server name like example.org", SERVER_NAME_PATTERN);
    // Historical Matrix user IDs allow any printable ASCII in the localpart (spec, appendix "User Identifiers").
    static final Form<String> MATRIX_USER_ID =
            matching("a Matrix user ID like @invitebot:example.org", "@[!-9;-~]+:" + SERVER_NAME_PATTERN);
    // Room version 12 (MSC4291) drops the server part from room IDs, so it is optional here.
    static final Form<String> ROOM_ID =
            matching("a room ID like !abc:example.org", "![!-9;-~]+(?::" + SERVER_NAME_PATTERN + ")?");
    static final Form<String> COMMAND_PREFIX =
            matching("1 to 3 characters without spaces, like !", "\\S{1,3}");
    static final Form<String> E164 = matching("an E.164 number like +15550000000", "\\+[1-9][0-9]{7,14}");
    // Authentik slugs: SlugField, letters, digits, - and _.
    static final Form<String> FLOW_SLUG = matching("a flow slug like invitation-enrollment", "[-a-zA-Z0-9_]+");
    static final Form<String> GROUP_NAME = text("a group name");
    static final Form<String> USERNAME = text("an Authentik username");
    static final Form<String> DESCRIPTION = Form.of("a description", Optional::of);
    static final Form<Secret> TOKEN = text("a token").asSecret().map(Secret::new);
    static final Form<Duration> DURATION = Form.of(DurationText.EXPECTED, DurationText::parse);
    static final Form<Boolean> BOOLEAN = Form.of("true or false", Forms::bool);
    static final Form<Integer> PORT = Form.of("a port number from 1 to 65535", Forms::port);
    static final Form<UserMapping> USER_MAPPING = Form.of("localpart or attribute:<name>", Forms::userMapping);

    private Forms() {
    }

    /** An absolute http(s) URL with a host; a trailing slash is dropped so paths can be appended. */
    static Form<URI> httpUrl(String example) {
        return Form.of("an http(s) URL like " + example, Forms::parseHttpUrl);
    }

    static Form<Path> path(Path baseDir) {
        return Form.of("a file path", text -> relativeTo(baseDir, text));
    }

    static <E extends Enum<E>> Form<E> oneOf(Class<E> type, Function<E, String> spelling) {
        E[] values = type.getEnumConstants();
        String names = Arrays.stream(values).map(spelling).collect(Collectors.joining(", "));
        return Form.of("one of " + names, text -> Arrays.stream(values)
                .filter(value -> spelling.apply(value).equals(text))
                .findFirst());
    }

    static Form<String> text(String expected) {
        return Form.of(expected, text -> text.isBlank() ? Optional.empty() : Optional.of(text.strip()));
    }

    private static Form<String> matching(String expected, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return Form.of(expected, text -> pattern.matcher(text).matches() ? Optional.of(text) : Optional.empty());
    }

    private static Optional<URI> parseHttpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            return Optional.empty();
        }
        String normalised = uri.toString().replaceAll("/+$", "");
        return Optional.of(URI.create(normalised));
    }

    private static Optional<Path> relativeTo(Path baseDir, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(baseDir.resolve(text.strip()).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> port(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? Optional.of(port) : Optional.empty();
    }

    private static Optional<UserMapping> userMapping(String text) {
        if (text.equals("localpart")) {
            return Optional.of(new UserMapping.Localpart());
        }
        if (text.matches("attribute:\\S+")) {
            return Optional.of(new UserMapping.Attribute(text.substring("attribute:".length())));
        }
        return Optional.empty();
    }
}
