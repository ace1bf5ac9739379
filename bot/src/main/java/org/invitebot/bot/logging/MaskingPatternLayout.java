package org.invitebot.bot.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** A pattern layout whose every line, stack traces included, has the known secrets masked. */
public final class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return KnownSecrets.mask(super.doLayout(event));
    }
}
