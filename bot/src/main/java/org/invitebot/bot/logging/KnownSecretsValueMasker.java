package org.invitebot.bot.logging;

import com.fasterxml.jackson.core.JsonStreamContext;

import net.logstash.logback.mask.ValueMasker;

/** The JSON log's counterpart of {@link MaskingPatternLayout}: any string field, stack traces included, has the known secrets masked. */
public final class KnownSecretsValueMasker implements ValueMasker {

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof CharSequence text) {
            String masked = KnownSecrets.mask(text.toString());
            return masked.contentEquals(text) ? null : masked;
        }
        return null;
    }
}
