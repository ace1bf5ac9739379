package org.invitebot.core.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.config.Secret;
import org.invitebot.core.config.UserMapping;
import org.invitebot.testbed.authentik.FakeAuthentik;

/** SPEC §3 against the Authentik stand-in: trusted servers, both mappings, admin groups, delegation, the cache. */
class AuthorizerTest {

    private static final String TOKEN = "authorizer-test-token";
    private static final Map<String, String> INVITABLE = new LinkedHashMap<>(Map.of(
            "media-users", "Jellyfin", "ai-users", "Open WebUI", "cloud-users", "Nextcloud"));

    private FakeAuthentik authentik;
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        for (String group : List.of("authentik Admins", "media-admins", "cloud-admins", "media-users")) {
            authentik.addGroup(group);
        }
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        authentik.addUser("alice", "Alice", "alice@example.org", true, "authentik Admins");
        authentik.addUser("bob", "Bob", "bob@example.org", true, "media-users");
        authentik.addUser("gone", "Gone", "gone@example.org", false, "authentik Admins");
        authentik.addUser("carol", "Carol", "carol@example.org", true, "media-admins", "cloud-admins");
    }

    @AfterEach
    void stop() {
        authentik.assertNoContractViolations();
        authentik.close();
    }

    @Test
    void localpartMappingAdmitsActiveAdminsOnTrustedServersOnly() {
        Authorizer authorizer = authorizer(new UserMapping.Localpart(), Map.of());

        assertThat(authorizer.authorize(matrix("@alice:example.org"))).isInstanceOf(Authorization.Allowed.class);
        assertThat(authorizer.authorize(matrix("@Alice:example.org"))).as("Synapse lower-cases localparts")
                .isInstanceOf(Authorization.Allowed.class);
        assertThat(denial(authorizer, "@alice:evil.example")).contains("evil.example is not trusted");
        assertThat(denial(authorizer, "@bob:example.org")).contains("no admin group");
        assertThat(denial(authorizer, "@gone:example.org")).contains("inactive");
        assertThat(denial(authorizer, "@nobody:example.org")).contains("no Authentik user");
        assertThat(denial(authorizer, "not-an-id")).contains("not a Matrix user ID");
    }

    @Test
    void attributeMappingLooksTheFullMatrixIdUp() {
        authentik.setUserAttribute("alice", "matrix_id", "@ally:example.org");
        Authorizer authorizer = authorizer(new UserMapping.Attribute("matrix_id"), Map.of());

        Authorization ally = authorizer.authorize(matrix("@ally:example.org"));

        assertThat(ally).isInstanceOfSatisfying(Authorization.Allowed.class,
                allowed -> assertThat(allowed.user().username()).isEqualTo("alice"));
        assertThat(denial(authorizer, "@alice:example.org")).contains("no Authentik user");
    }

    @Test
    void delegationNarrowsAndSeveralAdminGroupsGiveTheUnion() {
        Authorizer authorizer = authorizer(new UserMapping.Localpart(),
                Map.of("media-admins", List.of("media-users"), "cloud-admins", List.of("cloud-users")));

        Authorization carol = authorizer.authorize(matrix("@carol:example.org"));
        Authorization alice = authorizer.authorize(matrix("@alice:example.org"));

        assertThat(((Authorization.Allowed) carol).grantable()).containsExactlyInAnyOrder("media-users", "cloud-users");
        assertThat(((Authorization.Allowed) alice).grantable()).as("no delegation entry: every invitable group")
                .containsExactlyInAnyOrder("media-users", "ai-users", "cloud-users");
    }

    @Test
    void aBurstCostsOneLookupUntilTheDecisionExpires() {
        Authorizer authorizer = authorizer(new UserMapping.Localpart(), Map.of());
        for (int i = 0; i < 20; i++) {
            authorizer.authorize(matrix("@alice:example.org"));
        }
        assertThat(authentik.countRequests("GET", "/api/v3/core/users/")).isEqualTo(1);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        authorizer.authorize(matrix("@alice:example.org"));
        assertThat(authentik.countRequests("GET", "/api/v3/core/users/")).isEqualTo(2);
    }

    private Authorizer authorizer(UserMapping mapping, Map<String, List<String>> delegation) {
        AuthentikSettings settings = new AuthentikSettings(URI.create(authentik.baseUrl()), new Secret(TOKEN),
                "invitation-enrollment", List.of("authentik Admins", "media-admins", "cloud-admins"), mapping, INVITABLE,
                delegation);
        return new Authorizer(settings, List.of("example.org"), new AuthentikClient(settings, new OkHttpClient()),
                Duration.ofSeconds(60), nanos::get);
    }

    private static Principal matrix(String userId) {
        return new Principal.MatrixUser(userId);
    }

    private static String denial(Authorizer authorizer, String userId) {
        Authorization decision = authorizer.authorize(matrix(userId));
        assertThat(decision).isInstanceOf(Authorization.Denied.class);
        return ((Authorization.Denied) decision).why();
    }
}
