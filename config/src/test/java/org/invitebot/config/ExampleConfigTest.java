package org.invitebot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.invitebot.core.config.ConfigLoader;
import org.invitebot.core.config.InvitebotConfig;

/** The example users copy must always load, and say what the defaults are. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("invitebot.example.yaml");

    @Test
    void exampleLoadsWithTheRunbookDefaults() throws Exception {
        InvitebotConfig config = ConfigLoader.parse(Files.readString(EXAMPLE), EXAMPLE.toAbsolutePath().getParent(),
                Map.of("AUTHENTIK_TOKEN", "test-authentik-token", "MATRIX_ACCESS_TOKEN", "test-matrix-token"));

        assertThat(config.authentik().token().reveal()).isEqualTo("test-authentik-token");
        assertThat(config.authentik().enrollmentFlow()).isEqualTo("invitation-enrollment");
        assertThat(config.authentik().invitableGroups())
                .containsOnlyKeys("media-users", "ai-users", "cloud-users", "communication-users");
        assertThat(config.invitations().defaultExpiryEmail()).isEqualTo(Duration.ofDays(7));
        assertThat(config.invitations().defaultExpiryLink()).isEqualTo(Duration.ofHours(48));
        assertThat(config.matrix().accessToken().reveal()).isEqualTo("test-matrix-token");
        assertThat(config.matrix().rooms()).singleElement().satisfies(room -> assertThat(room.isPrivate()).isTrue());
        assertThat(config.signal().enabled()).isFalse();
        assertThat(config.matrix().encryption().enabled()).isTrue();
        assertThat(config.matrix().encryption().pickleKey()).as("a generated key file unless one is given").isEmpty();
        assertThat(config.matrix().encryption().keyWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.requests().approversRoom()).as("the first admin room").isEqualTo("!admins:example.org");
        assertThat(config.requests().requestableGroups()).containsExactly("media-users");
    }

    /** Users learn the options from this file: a key without a word on what it does is a gap in the docs. */
    @Test
    void everyOptionIsExplainedByAComment() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLE);
        List<String> unexplained = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean isKey = line.matches("\\s*(- )?[a-z_]+:.*") || line.matches("\\s+[a-z-]+: .*");
            boolean commented = line.contains(" # ") || i > 0 && lines.get(i - 1).strip().startsWith("#");
            boolean isSection = line.matches("[a-z]+:\\s*");
            boolean isListedGroup = i > 0 && (lines.get(i - 1).contains("invitable_groups:") || lines.get(i - 1).matches("    [a-z-]+: .*"));
            if (isKey && !commented && !isSection && !isListedGroup) {
                unexplained.add(line.strip());
            }
        }
        assertThat(unexplained).isEmpty();
    }
}
