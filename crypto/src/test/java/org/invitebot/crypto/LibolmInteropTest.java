package org.invitebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our Olm and Megolm against libolm, the independent C implementation, in both directions. */
class LibolmInteropTest {

    private final byte[] pickleKey = new byte[32];
    private LibolmPeer libolm;

    @BeforeEach
    void start() throws Exception {
        new SecureRandom().nextBytes(pickleKey);
        libolm = LibolmPeer.start();
    }

    @AfterEach
    void stop() throws Exception {
        libolm.close();
    }

    @Test
    void ourOutboundSessionTalksWithLibolmBothWaysAcrossRatchetTurns() throws Exception {
        JsonNode bob = libolm.call("account", "id", "bob");
        String oneTimeKey = libolm.call("one_time_keys", "id", "bob", "count", 1).path("keys").elements().next().asText();
        Account alice = Account.create();
        Session session = alice.createOutboundSession(bob.path("curve25519").asText(), oneTimeKey);

        OlmMessage first = session.encrypt(bytes("hello bob"));
        assertThat(first.type()).isEqualTo(OlmMessage.PRE_KEY);
        JsonNode inbound = libolm.call("inbound", "account", "bob", "session", "s", "body", first.body(),
                "identity_key", alice.curve25519Key());
        assertThat(inbound.path("plaintext").asText()).isEqualTo("hello bob");
        assertThat(inbound.path("session_id").asText()).as("libolm and we compute the same session ID")
                .isEqualTo(session.sessionId());

        for (int turn = 0; turn < 4; turn++) {
            JsonNode reply = libolm.call("encrypt", "session", "s", "plaintext", "reply " + turn);
            assertThat(text(session.decrypt(new OlmMessage(reply.path("type").asInt(), reply.path("body").asText()))))
                    .isEqualTo("reply " + turn);
            OlmMessage ours = session.encrypt(bytes("answer " + turn));
            assertThat(ours.type()).as("after hearing back, normal messages").isEqualTo(OlmMessage.NORMAL);
            assertThat(decryptAtLibolm(ours)).isEqualTo("answer " + turn);
        }
    }

    @Test
    void libolmsOutboundSessionToOurOneTimeKeyAndOutOfOrderMessages() throws Exception {
        Account bob = Account.create();
        bob.generateOneTimeKeys(1);
        String oneTimeKey = bob.unpublishedOneTimeKeys().values().iterator().next();
        JsonNode alice = libolm.call("account", "id", "alice");
        libolm.call("outbound", "account", "alice", "session", "s", "identity_key", bob.curve25519Key(), "one_time_key", oneTimeKey);

        JsonNode first = libolm.call("encrypt", "session", "s", "plaintext", "first");
        InboundCreation created = bob.createInboundSession(alice.path("curve25519").asText(),
                new OlmMessage(first.path("type").asInt(), first.path("body").asText()));
        assertThat(text(created.plaintext())).isEqualTo("first");
        assertThat(bob.unpublishedOneTimeKeys()).as("the used one-time key is gone").isEmpty();
        Session session = created.session();

        OlmMessage reply = session.encrypt(bytes("got it"));
        assertThat(decryptAtLibolm(reply)).isEqualTo("got it");

        List<JsonNode> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(libolm.call("encrypt", "session", "s", "plaintext", "m" + i));
        }
        for (int i : new int[] {3, 0, 4, 2, 1}) {
            assertThat(text(session.decrypt(new OlmMessage(burst.get(i).path("type").asInt(), burst.get(i).path("body").asText()))))
                    .isEqualTo("m" + i);
        }
        Session restored = Session.unpickle(session.pickle(pickleKey), pickleKey);
        JsonNode later = libolm.call("encrypt", "session", "s", "plaintext", "after pickling");
        assertThat(text(restored.decrypt(new OlmMessage(later.path("type").asInt(), later.path("body").asText()))))
                .isEqualTo("after pickling");
        assertThat(decryptAtLibolm(restored.encrypt(bytes("restored says hi")))).isEqualTo("restored says hi");
    }

    @Test
    void aFallbackKeyStartsASessionAndStays() throws Exception {
        Account bob = Account.create();
        bob.generateFallbackKey();
        String fallback = bob.unpublishedFallbackKey().values().iterator().next();
        bob.markKeysAsPublished();
        JsonNode alice = libolm.call("account", "id", "alice");
        libolm.call("outbound", "account", "alice", "session", "s", "identity_key", bob.curve25519Key(), "one_time_key", fallback);
        JsonNode first = libolm.call("encrypt", "session", "s", "plaintext", "via fallback");

        InboundCreation created = bob.createInboundSession(alice.path("curve25519").asText(),
                new OlmMessage(first.path("type").asInt(), first.path("body").asText()));

        assertThat(text(created.plaintext())).isEqualTo("via fallback");
        libolm.call("outbound", "account", "alice", "session", "t", "identity_key", bob.curve25519Key(), "one_time_key", fallback);
        JsonNode second = libolm.call("encrypt", "session", "t", "plaintext", "again");
        assertThat(text(bob.createInboundSession(alice.path("curve25519").asText(),
                new OlmMessage(second.path("type").asInt(), second.path("body").asText())).plaintext())).isEqualTo("again");
    }

    @Test
    void signaturesVerifyAcrossImplementations() throws Exception {
        Account ours = Account.create();
        String message = "{\"device_id\":\"BOT\",\"user_id\":\"@invitebot:example.org\"}";
        assertThat(libolm.call("verify", "key", ours.ed25519Key(), "message", message,
                "signature", ours.sign(bytes(message))).path("valid").asBoolean()).isTrue();
        assertThat(libolm.call("verify", "key", ours.ed25519Key(), "message", message + " ",
                "signature", ours.sign(bytes(message))).path("valid").asBoolean()).isFalse();

        JsonNode theirs = libolm.call("account", "id", "a");
        String signature = libolm.call("sign", "id", "a", "message", message).path("signature").asText();
        assertThat(Account.verify(theirs.path("ed25519").asText(), bytes(message), signature)).isTrue();
        assertThat(Account.verify(theirs.path("ed25519").asText(), bytes(message + "x"), signature)).isFalse();
    }

    @Test
    void crossSigningKeysSignAsLibolmsPkSigningDoes() throws Exception {
        byte[] pickleKey = new byte[32];
        SigningKey master = SigningKey.unpickle(SigningKey.generate().pickle(pickleKey), pickleKey);
        String selfSigning = "{\"keys\":{\"ed25519:abc\":\"abc\"},\"usage\":[\"self_signing\"],\"user_id\":\"@invitebot:example.org\"}";
        assertThat(libolm.call("verify", "key", master.publicKey(), "message", selfSigning,
                "signature", master.sign(bytes(selfSigning))).path("valid").asBoolean()).as("a pickled key signs the same").isTrue();

        JsonNode theirs = libolm.call("pk_signing", "id", "m");
        String signature = libolm.call("pk_sign", "id", "m", "message", selfSigning).path("signature").asText();
        assertThat(Account.verify(theirs.path("public_key").asText(), bytes(selfSigning), signature)).isTrue();
        assertThat(Account.verify(theirs.path("public_key").asText(), bytes(selfSigning + " "), signature)).isFalse();
    }

    @Test
    void ourMegolmSessionIsReadByLibolmFromTheSharedAndAnExportedIndex() throws Exception {
        OutboundGroupSession outbound = OutboundGroupSession.create();
        String sessionKey = outbound.sessionKey();
        JsonNode inbound = libolm.call("group_inbound", "id", "in", "session_key", sessionKey);
        assertThat(inbound.path("session_id").asText()).isEqualTo(outbound.sessionId());
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(outbound.encrypt(bytes("group " + i)));
        }
        for (int i = 5; i >= 0; i--) {
            JsonNode decrypted = libolm.call("group_decrypt", "id", "in", "ciphertext", messages.get(i));
            assertThat(decrypted.path("plaintext").asText()).isEqualTo("group " + i);
            assertThat(decrypted.path("index").asInt()).isEqualTo(i);
        }
        String exported = libolm.call("group_export", "id", "in", "index", 3).path("exported").asText();
        InboundGroupSession fromLibolmExport = InboundGroupSession.importSession(exported);
        assertThat(fromLibolmExport.firstKnownIndex()).isEqualTo(3);
        assertThat(text(fromLibolmExport.decrypt(messages.get(4)).plaintext())).isEqualTo("group 4");

        InboundGroupSession ours = InboundGroupSession.fromSessionKey(sessionKey);
        libolm.call("group_import", "id", "imported", "exported", ours.export(2));
        assertThat(libolm.call("group_decrypt", "id", "imported", "ciphertext", outbound.encrypt(bytes("late"))).path("plaintext")
                .asText()).isEqualTo("late");
        assertThat(libolm.call("group_decrypt", "id", "imported", "ciphertext", messages.get(1)).has("error"))
                .as("before the exported index").isTrue();
    }

    @Test
    void libolmsMegolmSessionIsReadByUsAcrossTheFirstRatchetRollover() throws Exception {
        JsonNode outbound = libolm.call("group_outbound", "id", "out");
        InboundGroupSession inbound = InboundGroupSession.fromSessionKey(outbound.path("session_key").asText());
        assertThat(inbound.sessionId()).isEqualTo(outbound.path("session_id").asText());
        Map<Integer, String> kept = new TreeMap<>();
        for (int i = 0; i < 260; i++) {
            String ciphertext = libolm.call("group_encrypt", "id", "out", "plaintext", "n" + i).path("ciphertext").asText();
            if (i % 50 == 0 || i >= 254) {
                kept.put(i, ciphertext);
            }
        }
        kept.forEach((index, ciphertext) -> {
            try {
                GroupDecryption decrypted = inbound.decrypt(ciphertext);
                assertThat(text(decrypted.plaintext())).isEqualTo("n" + index);
                assertThat(decrypted.messageIndex()).isEqualTo(index);
            } catch (OlmException e) {
                throw new AssertionError("index " + index + ": " + e.reason(), e);
            }
        });
    }

    private String decryptAtLibolm(OlmMessage message) throws Exception {
        return libolm.call("decrypt", "session", "s", "type", message.type(), "body", message.body()).path("plaintext").asText();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
