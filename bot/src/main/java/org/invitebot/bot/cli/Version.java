package org.invitebot.bot.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"invitebot " + (version == null ? "(development build)" : version)};
    }
}
