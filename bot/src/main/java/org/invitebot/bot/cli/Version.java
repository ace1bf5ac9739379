package org.invitebot.bot.cli;

import picocli.CommandLine;

import org.invitebot.bot.BuildInfo;

final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"invitebot " + BuildInfo.current()};
    }
}
