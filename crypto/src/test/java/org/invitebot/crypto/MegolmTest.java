package org.invitebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Megolm between our own sessions: indices, exports, the ratchet's arithmetic, tampering and pickles. */
class MegolmTest {

    private final byte[] pickleKey = new byte[32];

    MegolmTest() {
        new SecureRandom().nextBytes(pickleKey);
    }

    @Test
    void theRatchetReachesAnyIndexTheSameWayStepByStepOrInOneJump() {
        MegolmRatchet stepped = MegolmRatchet.random();
        MegolmRatchet jumped = stepped.copy();
        for (int i = 0; i < 70_000; i++) {
            stepped.advance();
        }
        jumped.advanceTo(70_000);
        assertThat(jumped.index()).isEqualTo(70_000);
        assertThat(jumped.value()).isEqualTo(stepped.value());
    }

    @Test
    void laterIndicesDecryptAndAnImportedSessionStartsAtItsIndex() throws Exception {
        OutboundGroupSession outbound = OutboundGroupSession.create();
        InboundGroupSession inbound = InboundGroupSession.fromSessionKey(outbound.sessionKey());
        String zero = outbound.encrypt(bytes("zero"));
        String one = outbound.encrypt(bytes("one"));
        String two = outbound.encrypt(bytes("two"));

        assertThat(inbound.decrypt(two).messageIndex()).isEqualTo(2);
        assertThat(text(inbound.decrypt(zero).plaintext())).isEqualTo("zero");
        InboundGroupSession imported = InboundGroupSession.importSession(inbound.export(1));
        assertThat(imported.firstKnownIndex()).isEqualTo(1);
        assertThat(text(imported.decrypt(one).plaintext())).isEqualTo("one");
        assertThatThrownBy(() -> imported.decrypt(zero)).isInstanceOfSatisfying(OlmException.class,
                e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.UNKNOWN_MESSAGE_INDEX));
        assertThat(outbound.messageIndex()).isEqualTo(3);
    }

    @Test
    void aChangedByteFailsTheSignatureAndAForgedSessionKeyIsRefused() throws Exception {
        OutboundGroupSession outbound = OutboundGroupSession.create();
        InboundGroupSession inbound = InboundGroupSession.fromSessionKey(outbound.sessionKey());
        byte[] raw = Base64.getDecoder().decode(outbound.encrypt(bytes("signed")));
        raw[5] ^= 1;
        assertThatThrownBy(() -> inbound.decrypt(Base64.getEncoder().encodeToString(raw)))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.BAD_SIGNATURE));

        byte[] key = Base64.getDecoder().decode(outbound.sessionKey());
        key[10] ^= 1;
        assertThatThrownBy(() -> InboundGroupSession.fromSessionKey(Base64.getEncoder().encodeToString(key)))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.BAD_SIGNATURE));
    }

    @Test
    void picklesContinueTheRatchetWhereItWas() throws Exception {
        OutboundGroupSession outbound = OutboundGroupSession.create();
        InboundGroupSession inbound = InboundGroupSession.fromSessionKey(outbound.sessionKey());
        outbound.encrypt(bytes("first"));
        OutboundGroupSession restored = OutboundGroupSession.unpickle(outbound.pickle(pickleKey), pickleKey);
        assertThat(restored.messageIndex()).isEqualTo(1);
        String next = restored.encrypt(bytes("second"));
        InboundGroupSession restoredInbound = InboundGroupSession.unpickle(inbound.pickle(pickleKey), pickleKey);
        assertThat(restoredInbound.decrypt(next).messageIndex()).isEqualTo(1);
        assertThat(text(restoredInbound.decrypt(next).plaintext())).isEqualTo("second");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
