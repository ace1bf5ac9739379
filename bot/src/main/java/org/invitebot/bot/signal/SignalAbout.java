package org.invitebot.bot.signal;

/** @param mode the gateway's {@code MODE}: normal, native or json-rpc */
public record SignalAbout(String mode, String version) {
}
