package org.invitebot.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

import org.junit.jupiter.api.Test;

class MaskingPatternLayoutTest {

    @Test
    void aRegisteredSecretIsMaskedInMessagesAndStackTraces() {
        KnownSecrets.register("s3cr3t-token-value");
        LoggerContext context = new LoggerContext();
        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern("%msg %ex");
        layout.start();
        Logger logger = context.getLogger("okhttp3.logging");

        String line = layout.doLayout(new LoggingEvent("test", logger, Level.INFO,
                "Authorization: Bearer s3cr3t-token-value", new IllegalStateException("token s3cr3t-token-value refused"),
                null));

        assertThat(line).contains("Authorization: Bearer ***", "token *** refused").doesNotContain("s3cr3t");
    }

    @Test
    void shortValuesAreNotTreatedAsSecrets() {
        KnownSecrets.register("abc");

        assertThat(KnownSecrets.mask("abc is a word")).isEqualTo("abc is a word");
    }
}
