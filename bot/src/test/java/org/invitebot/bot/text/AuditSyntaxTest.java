package org.invitebot.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.invitebot.core.command.Audit;

class AuditSyntaxTest {

    private final CommandParser parser = new CommandParser("!");

    @ParameterizedTest
    @CsvSource({"!audit, 10", "!audit 1, 1", "!AUDIT 50, 50", "!audit 025, 25"})
    void countIsOptional(String message, int count) {
        assertThat(parser.parse(message)).isEqualTo(new ParseResult.Parsed(new Audit(count)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!audit 0", "!audit 51", "!audit ten", "!audit 5 6", "!audit 99999999999"})
    void badCountsSayWhatIsExpected(String message) {
        assertThat(parser.parse(message)).isInstanceOfSatisfying(ParseResult.Malformed.class,
                malformed -> assertThat(malformed.error()).contains("from 1 to 50"));
    }
}
