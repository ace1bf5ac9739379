package org.invitebot.bot.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;

import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

import org.slf4j.LoggerFactory;

import org.invitebot.core.config.LogFormat;

/** Switches the log to what {@code logging.format} asks for, once the configuration is read. */
public final class LogOutput {

    private LogOutput() {
    }

    /** {@code json}: one JSON object per line on stderr, with the MDC (the command's event ID) as fields. */
    public static void use(LogFormat format) {
        if (format != LogFormat.JSON) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("JSON");
        appender.setTarget("System.err");
        appender.setEncoder(jsonEncoder(context));
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new KnownSecretsValueMasker());
        masking.start();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setJsonGeneratorDecorator(masking);
        encoder.start();
        return encoder;
    }
}
