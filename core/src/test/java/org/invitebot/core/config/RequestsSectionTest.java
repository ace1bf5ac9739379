package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;
import static org.invitebot.core.config.ConfigFixtures.parse;
import static org.invitebot.core.config.ConfigFixtures.problemsOf;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestsSectionTest {

    @Test
    void withoutTheSectionRequestsAreOff() throws Exception {
        assertThat(parse(ConfigFixtures.MINIMAL).requests().enabled()).isFalse();
    }

    @Test
    void theSectionTurnsRequestsOnWithTheIssuesDefaultsAndTheFirstAdminRoomForApprovers() throws Exception {
        RequestSettings requests = parse(minimalWith("""
                matrix: {rooms: [{id: "!admins:example.org", private: true}, {id: "!lobby:example.org"}]}
                requests: {rooms: ["!lobby:example.org"]}
                """)).requests();

        assertThat(requests).isEqualTo(new RequestSettings(true, List.of("!lobby:example.org"), "!admins:example.org", List.of(),
                List.of(), 3, Duration.ofDays(7)));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        RequestSettings requests = parse(minimalWith("""
                requests:
                  rooms: ["!lobby:example.org"]
                  approvers_room: "!approvers:example.org"
                  requester_groups: [members]
                  requestable_groups: [media-users, ai-users]
                  max_per_requester_per_day: 5
                  expire_after: 2d
                """)).requests();

        assertThat(requests).isEqualTo(new RequestSettings(true, List.of("!lobby:example.org"), "!approvers:example.org",
                List.of("members"), List.of("media-users", "ai-users"), 5, Duration.ofDays(2)));
    }

    @Test
    void mistakesAreNamedWithWhatWasExpected() {
        assertThat(problemsOf(minimalWith("""
                requests:
                  rooms: [lobby]
                  requestable_groups: [media-users, admins]
                  max_per_requester_per_day: 0
                  expire_after: 0s
                """))).containsExactly(
                "requests.rooms[0]: expected a room ID like !abc:example.org, got \"lobby\"",
                "requests.approvers_room: missing; expected the room ID where admins decide on requests (there is no room"
                        + " under matrix.rooms to take by default)",
                "requests.requestable_groups: admins not in authentik.invitable_groups (media-users, ai-users, cloud-users,"
                        + " communication-users)",
                "requests.max_per_requester_per_day: expected a whole number from 1 to 1000, got \"0\"",
                "requests.expire_after: expected a duration longer than 0");
    }
}
