package org.invitebot.core.store;

import java.util.Optional;

/**
 * One change to the vault: a value put under {@code (kind, id)}, or removed. The store keeps values as
 * given; whoever writes secrets seals them first.
 */
public record VaultWrite(String kind, String id, Optional<String> value) {

    public static VaultWrite put(String kind, String id, String value) {
        return new VaultWrite(kind, id, Optional.of(value));
    }

    public static VaultWrite delete(String kind, String id) {
        return new VaultWrite(kind, id, Optional.empty());
    }

    /** Names the entry, never the value, which may be key material. */
    @Override
    public String toString() {
        return "VaultWrite[" + kind + "/" + id + (value.isPresent() ? " put" : " delete") + "]";
    }
}
