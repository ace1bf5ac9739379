package org.invitebot.core.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.config.Secret;
import org.invitebot.core.config.UserMapping;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.authentik.StoredInvitation;

/** Exactly one invitation per command across a restart, against the Authentik stand-in. */
class InvitationServiceTest {

    private static final String TOKEN = "invitation-service-test-token";
    private static final Principal ADMIN = new Principal.MatrixUser("@admin:example.org");

    @TempDir
    Path dir;

    private FakeAuthentik authentik;

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
    }

    @AfterEach
    void stop() {
        authentik.assertNoContractViolations();
        authentik.close();
    }

    /**
     * The resume race (issue 12): a restart queues the interrupted command, but a new command for
     * another Jane may reach the name book first. The reserved name must already be held by then.
     */
    @Test
    void aNameReservedBeforeARestartIsNotGivenToANewCommandThatRunsFirst() {
        Path file = dir.resolve("invitebot.db");
        try (StateStore store = StateStore.open(file, Clock.systemUTC())) {
            store.receive(List.of(command("$interrupted")), "matrix.sync", "s1", Durability.CRASH_SAFE);
            store.reserveName("$interrupted", "jane-2026-12");
        }
        try (StateStore store = StateStore.open(file, Clock.systemUTC())) {
            store.receive(List.of(command("$new")), "matrix.sync", "s2", Durability.CRASH_SAFE);
            InvitationService service = new InvitationService(client(), store, Clock.systemUTC());

            Outcome.Created fresh = service.create("$new", plan("jane.doe@example.com"), ADMIN);
            Outcome.Created resumed = service.create("$interrupted", plan("jane@example.com"), ADMIN);
            Outcome.Created resumedAgain = service.create("$interrupted", plan("jane@example.com"), ADMIN);

            assertThat(resumed.invitation().name()).isEqualTo("jane-2026-12");
            assertThat(fresh.invitation().name()).isEqualTo("jane-2026-12-2");
            assertThat(resumedAgain.invitation().pk()).as("a second resume finds the first").isEqualTo(resumed.invitation().pk());
            assertThat(authentik.invitations()).extracting(StoredInvitation::name)
                    .containsExactlyInAnyOrder("jane-2026-12", "jane-2026-12-2");
        }
    }

    private AuthentikClient client() {
        return new AuthentikClient(new AuthentikSettings(URI.create(authentik.baseUrl()), new Secret(TOKEN),
                "invitation-enrollment", List.of("authentik Admins"), new UserMapping.Localpart(),
                Map.of("media-users", "Jellyfin"), Map.of()), new OkHttpClient());
    }

    private static InvitationPlan plan(String email) {
        return new InvitationPlan(DeliveryMode.EMAIL, Optional.of(email), Optional.empty(),
                Instant.now().plus(Duration.ofDays(7)), true, List.of("media-users"), "jane-2026-12", Optional.empty(), false);
    }

    private static ReceivedCommand command(String id) {
        return new ReceivedCommand(id, "matrix", "!admins:example.org", "@admin:example.org", "!invite jane@example.com");
    }
}
