package org.invitebot.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitationNamesTest {

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "Jane Smith            | jane-smith-2026-11",
        "jane.smith            | jane-smith-2026-11",
        "Zoë Ångström          | zoe-angstrom-2026-11",
        "  Jean-Luc   Picard   | jean-luc-picard-2026-11",
        "O'Brien               | o-brien-2026-11",
        "李小龍                 | invitee-2026-11",
        "<b>Bob</b>            | b-bob-b-2026-11",
        "ﬁnn                   | finn-2026-11",
        "Maximilian Alexander Montgomery-Worthington | maximilian-alexander-montgomery-2026-11",
    })
    void namesAreSlugsAfterTheRunbookConvention(String input, String expected) {
        String name = InvitationNames.base(input, NOVEMBER);
        assertThat(name).isEqualTo(expected).matches("^[-a-zA-Z0-9_]+$");
    }

    @Test
    void localPartDropsThePlusTag() {
        assertThat(InvitationNames.localPart("jane.smith+news@example.com")).isEqualTo("jane.smith");
    }

    @Test
    void collisionsGetANumberedSuffix() {
        assertThat(InvitationNames.unique("jane-2026-11", Set.<String>of()::contains)).isEqualTo("jane-2026-11");
        assertThat(InvitationNames.unique("jane-2026-11", Set.of("jane-2026-11")::contains)).isEqualTo("jane-2026-11-2");
        assertThat(InvitationNames.unique("jane-2026-11", Set.of("jane-2026-11", "jane-2026-11-2")::contains))
                .isEqualTo("jane-2026-11-3");
    }
}
