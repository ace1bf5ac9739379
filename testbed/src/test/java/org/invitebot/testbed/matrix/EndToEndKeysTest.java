package org.invitebot.testbed.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.testbed.matrix.ResponseSchemas.assertFitsSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's end-to-end encryption endpoints (keys.yaml, to_device.yaml, sync's extensions), over real HTTP. */
class EndToEndKeysTest {

    private static final String ALICE = "@alice:example.org";
    private static final String BOB = "@bob:example.org";

    private FakeHomeserver homeserver;
    private MatrixHttp alice;
    private MatrixHttp bob;
    private String room;

    @BeforeEach
    void start() {
        homeserver = FakeHomeserver.start("example.org");
        alice = new MatrixHttp(homeserver, homeserver.registerUser(ALICE));
        bob = new MatrixHttp(homeserver, homeserver.registerUser(BOB));
        room = homeserver.createRoom(ALICE, "secret", true);
        homeserver.invite(room, ALICE, BOB);
        homeserver.join(room, BOB);
    }

    @AfterEach
    void stop() {
        homeserver.assertNoContractViolations();
        homeserver.close();
    }

    @Test
    void uploadedDeviceKeysAreQueriedAndOneTimeKeysAreClaimedOnceThenTheFallbackKey() {
        String device = deviceOf(bob);
        MatrixHttp.Answer upload = bob.post(bob.url("keys", "upload"), """
                {"device_keys": {"user_id": "%s", "device_id": "%s", "algorithms": ["m.olm.v1.curve25519-aes-sha2"],
                  "keys": {"curve25519:%2$s": "c", "ed25519:%2$s": "e"}, "signatures": {}},
                 "one_time_keys": {"signed_curve25519:AAAAAQ": {"key": "k1", "signatures": {}}},
                 "fallback_keys": {"signed_curve25519:AAAAAg": {"key": "f", "fallback": true, "signatures": {}}}}
                """.formatted(BOB, device));
        assertFitsSpec("uploadKeys", upload);
        assertThat(upload.body().path("one_time_key_counts").path("signed_curve25519").asInt()).isEqualTo(1);

        MatrixHttp.Answer query = alice.post(alice.url("keys", "query"), "{\"device_keys\": {\"" + BOB + "\": []}}");
        assertFitsSpec("queryKeys", query);
        assertThat(query.body().path("device_keys").path(BOB).path(device).path("keys").path("ed25519:" + device).asText())
                .isEqualTo("e");

        String claim = "{\"one_time_keys\": {\"" + BOB + "\": {\"" + device + "\": \"signed_curve25519\"}}}";
        MatrixHttp.Answer first = alice.post(alice.url("keys", "claim"), claim);
        assertFitsSpec("claimKeys", first);
        assertThat(first.body().path("one_time_keys").path(BOB).path(device).path("signed_curve25519:AAAAAQ").path("key").asText())
                .isEqualTo("k1");
        JsonNode second = alice.post(alice.url("keys", "claim"), claim).body();
        assertThat(second.path("one_time_keys").path(BOB).path(device).path("signed_curve25519:AAAAAg").path("key").asText())
                .as("none left: the fallback key, which stays").isEqualTo("f");
        assertThat(homeserver.oneTimeKeysLeft(BOB, device)).isZero();

        JsonNode sync = bob.sync(null, 0).body();
        assertThat(sync.path("device_one_time_keys_count").path("signed_curve25519").asInt(0)).isZero();
        assertThat(sync.path("device_unused_fallback_key_types")).as("the fallback key was used").isEmpty();
    }

    @Test
    void aToDeviceMessageComesAgainUntilTheNextSyncAcknowledgesItAndIsSentOncePerTransaction() {
        String device = deviceOf(bob);
        String message = "{\"messages\": {\"" + BOB + "\": {\"" + device + "\": {\"hello\": \"there\"}}}}";
        MatrixHttp.Answer sent = alice.put(alice.url("sendToDevice", "m.test", "t1"), message);
        assertFitsSpec("sendToDevice", sent);
        alice.put(alice.url("sendToDevice", "m.test", "t1"), message);

        JsonNode first = bob.sync(null, 0).body();
        assertThat(first.path("to_device").path("events")).hasSize(1);
        assertThat(first.path("to_device").path("events").get(0).path("sender").asText()).isEqualTo(ALICE);
        JsonNode again = bob.sync(null, 0).body();
        assertThat(again.path("to_device").path("events")).as("a client that did not sync on gets it again").hasSize(1);

        JsonNode acknowledged = bob.sync(again.path("next_batch").asText(), 0).body();
        assertThat(acknowledged.path("to_device").path("events")).isEmpty();
    }

    @Test
    void aWaitingSyncWakesForAToDeviceMessageSentToEveryDevice() throws Exception {
        String since = bob.sync(null, 0).body().path("next_batch").asText();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> bob.sync(since, 10_000).body());
        Thread.sleep(300);

        alice.put(alice.url("sendToDevice", "m.test", "t2"), "{\"messages\": {\"" + BOB + "\": {\"*\": {\"n\": 1}}}}");

        assertThat(waiting.get(5, TimeUnit.SECONDS).path("to_device").path("events")).hasSize(1);
    }

    @Test
    void aRoomMatesNewDeviceKeysShowInDeviceListsChanged() {
        String since = alice.sync(null, 0).body().path("next_batch").asText();
        String token = homeserver.addDevice(BOB, "PHONE");
        MatrixHttp phone = new MatrixHttp(homeserver, token);
        phone.post(phone.url("keys", "upload"), """
                {"device_keys": {"user_id": "%s", "device_id": "PHONE", "algorithms": [], "keys": {}, "signatures": {}}}
                """.formatted(BOB));

        JsonNode sync = alice.sync(since, 0).body();

        assertThat(sync.path("device_lists").path("changed")).extracting(JsonNode::asText).contains(BOB);
        assertThat(homeserver.deviceKeys(BOB, "PHONE")).isPresent();
    }

    @Test
    void deviceKeysOfAnotherUserOrDeviceAreRefused() {
        MatrixHttp.Answer answer = bob.post(bob.url("keys", "upload"), """
                {"device_keys": {"user_id": "%s", "device_id": "NOTMINE", "algorithms": [], "keys": {}, "signatures": {}}}
                """.formatted(ALICE));

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void crossSigningKeysAreSetOnceFreelyThenReplacedOnlyWithThePasswordAndSignaturesMergeIntoDeviceKeys() {
        String device = deviceOf(bob);
        bob.post(bob.url("keys", "upload"), """
                {"device_keys": {"user_id": "%s", "device_id": "%s", "algorithms": ["m.olm.v1.curve25519-aes-sha2"],
                  "keys": {"curve25519:%2$s": "c", "ed25519:%2$s": "e"}, "signatures": {}}}
                """.formatted(BOB, device));
        String keys = """
                {"master_key": {"user_id": "%1$s", "usage": ["master"], "keys": {"ed25519:M": "M"}},
                 "self_signing_key": {"user_id": "%1$s", "usage": ["self_signing"], "keys": {"ed25519:S": "S"},
                   "signatures": {"%1$s": {"ed25519:M": "sig-by-M"}}},
                 "user_signing_key": {"user_id": "%1$s", "usage": ["user_signing"], "keys": {"ed25519:U": "U"},
                   "signatures": {"%1$s": {"ed25519:M": "sig-by-M"}}}}
                """.formatted(BOB);
        MatrixHttp.Answer first = bob.post(bob.url("keys", "device_signing", "upload"), keys);
        assertFitsSpec("uploadCrossSigningKeys", first);
        assertThat(first.status()).isEqualTo(200);
        assertThat(bob.post(bob.url("keys", "device_signing", "upload"), keys).status()).as("the same keys again").isEqualTo(200);

        String other = keys.replace("\"ed25519:M\": \"M\"", "\"ed25519:N\": \"N\"");
        MatrixHttp.Answer refused = bob.post(bob.url("keys", "device_signing", "upload"), other);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("flows").get(0).path("stages").get(0).asText()).isEqualTo("m.login.password");
        homeserver.setPassword(BOB, "hunter2");
        String authenticated = "{\"auth\": {\"type\": \"m.login.password\", \"session\": \"uia-session\", \"identifier\": "
                + "{\"type\": \"m.id.user\", \"user\": \"" + BOB + "\"}, \"password\": \"hunter2\"}," + other.strip().substring(1);
        assertThat(bob.post(bob.url("keys", "device_signing", "upload"), authenticated).status()).isEqualTo(200);

        MatrixHttp.Answer signed = bob.post(bob.url("keys", "signatures", "upload"), """
                {"%1$s": {"%2$s": {"user_id": "%1$s", "device_id": "%2$s", "algorithms": ["m.olm.v1.curve25519-aes-sha2"],
                  "keys": {"curve25519:%2$s": "c", "ed25519:%2$s": "e"}, "signatures": {"%1$s": {"ed25519:S": "sig-by-S"}}}}}
                """.formatted(BOB, device));
        assertFitsSpec("uploadCrossSigningSignatures", signed);
        assertThat(signed.body().path("failures").isEmpty()).isTrue();

        MatrixHttp.Answer query = alice.post(alice.url("keys", "query"), "{\"device_keys\": {\"" + BOB + "\": []}}");
        assertFitsSpec("queryKeys", query);
        assertThat(query.body().path("master_keys").path(BOB).path("keys").path("ed25519:N").asText()).isEqualTo("N");
        assertThat(query.body().path("self_signing_keys").path(BOB).path("keys").path("ed25519:S").asText()).isEqualTo("S");
        assertThat(query.body().path("user_signing_keys").has(BOB)).as("only for the user itself").isFalse();
        assertThat(query.body().path("device_keys").path(BOB).path(device).path("signatures").path(BOB).path("ed25519:S").asText())
                .isEqualTo("sig-by-S");
        assertThat(homeserver.crossSigningKeys(BOB).path("user_signing_keys").path("keys").has("ed25519:U")).isTrue();
    }

    private String deviceOf(MatrixHttp user) {
        return user.get(user.url("account", "whoami")).body().path("device_id").asText();
    }
}
