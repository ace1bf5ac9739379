package org.invitebot.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** {@code logging.format: json}: one object per line, the command's event ID as a field, secrets masked. */
class JsonLogTest {

    @Test
    void aLineIsOneJsonObjectWithTheCommandAndNoSecret() throws Exception {
        KnownSecrets.register("json-log-secret-value");
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("org.invitebot.core.invite.CommandHandler"), Level.WARN,
                "token json-log-secret-value refused", new IllegalStateException("json-log-secret-value"), null);
        event.setMDCPropertyMap(Map.of("command", "$event:example.org"));

        String line = new String(LogOutput.jsonEncoder(context).encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("json-log-secret-value");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("token *** refused");
        assertThat(json.path("command").asText()).isEqualTo("$event:example.org");
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger_name").asText()).isEqualTo("org.invitebot.core.invite.CommandHandler");
        assertThat(json.path("stack_trace").asText()).contains("IllegalStateException: ***");
    }
}
