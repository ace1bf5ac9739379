package org.invitebot.bot.matrix.e2ee;

import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.StateStore;

/**
 * Encrypted to-device messages that must leave exactly as they were encrypted (E2EE-NOTES invariant 3): each is a
 * vault entry of its kind with {@code messages} and {@code txn}, on disk before it is sent, and sent again as the
 * same bytes under the same transaction ID after a crash or a refused send, until the homeserver takes it.
 */
final class ToDeviceOutbox {

    private static final Logger log = LoggerFactory.getLogger(ToDeviceOutbox.class);

    private ToDeviceOutbox() {
    }

    /**
     * Writes {@code vault} to disk, then sends every entry of {@code kind} that carries messages and deletes it.
     *
     * @param sent told each entry the homeserver took, to note what follows from it in the same vault
     */
    static void flush(MatrixClient matrix, StateStore store, Working vault, String kind, BiConsumer<String, ObjectNode> sent) {
        store.writeVault(vault.drain(), Durability.ON_DISK);
        vault.list(kind, "").forEach((id, json) -> {
            ObjectNode entry = Working.parse(json);
            if (!entry.has("messages")) {
                return;
            }
            try {
                matrix.sendToDevice("m.room.encrypted", entry.path("txn").asText(), (ObjectNode) entry.path("messages"));
                vault.delete(kind, id);
                sent.accept(id, entry);
            } catch (RuntimeException e) {
                log.warn("could not send {} {}: {}; trying again after the next sync", kind, id, e.getMessage());
            }
        });
        store.writeVault(vault.drain(), Durability.CRASH_SAFE);
    }
}
