package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.MINIMAL;
import static org.invitebot.core.config.ConfigFixtures.problemsOf;

import org.junit.jupiter.api.Test;

/** Values YAML changes when they are not quoted get a message that says to quote them. */
class YamlPitfallsTest {

    @Test
    void anUnquotedRoomIdIsATagAndTheMessageSaysToQuoteIt() {
        assertThat(problemsOf(MINIMAL + """
                  rooms:
                    - id: !admins:example.org
                  notifications_room: !onboarding:example.org
                """)).containsExactly(
                "matrix.rooms[0].id: expected a room ID in quotes, like \"!abc:example.org\""
                        + " (unquoted, YAML reads the ! as a tag)",
                "matrix.notifications_room: expected a room ID in quotes, like \"!abc:example.org\""
                        + " (unquoted, YAML reads the ! as a tag)");
    }

    @Test
    void anUnquotedPhoneNumberIsANumberAndTheMessageSaysToQuoteIt() {
        assertThat(problemsOf(MINIMAL + """
                signal:
                  number: +15550000000
                """)).containsExactly("signal.number: expected an E.164 number in quotes, like \"+15550000000\""
                + " (unquoted, YAML reads it as a number without the +)");
    }

    @Test
    void anUnquotedUserIdIsNotYamlAtAll() {
        assertThat(problemsOf("matrix:\n  user_id: @invitebot:example.org\n")).containsExactly(
                "line 2, column 12: not valid YAML: found character '@' that cannot start any token."
                        + " (Do not use @ for indentation)");
    }
}
