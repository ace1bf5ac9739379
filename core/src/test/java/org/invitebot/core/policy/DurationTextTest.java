package org.invitebot.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void spokenUsesTheLargestExactUnit() {
        assertThat(DurationText.spoken(Duration.ofMinutes(5))).isEqualTo("5 minutes");
        assertThat(DurationText.spoken(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(DurationText.spoken(Duration.ofSeconds(90))).isEqualTo("90 seconds");
        assertThat(DurationText.spoken(Duration.ofDays(14))).isEqualTo("14 days");
    }

    @Test
    void formatAndParseRoundTrip() {
        for (String text : new String[] {"7d", "36h", "10m", "90s"}) {
            assertThat(DurationText.format(DurationText.parse(text).orElseThrow())).isEqualTo(text);
        }
    }
}
