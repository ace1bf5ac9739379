package org.invitebot.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this bot was built from, written into {@code build.properties} by the Maven build
 * (the commit by git-commit-id-maven-plugin; "unknown" when built outside a git checkout).
 */
public record BuildInfo(String version, String commit) {

    private static final BuildInfo CURRENT = read();

    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code 0.2.0 (commit 1a2b3c4d5e)}: what {@code --version}, the startup log line and the metrics show. */
    @Override
    public String toString() {
        return version + " (commit " + commit + ")";
    }

    private static BuildInfo read() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return new BuildInfo("unknown", "unknown");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new BuildInfo(known(properties.getProperty("version")), known(properties.getProperty("commit")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unfiltered placeholder (the file copied by something other than the Maven build) is no version. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
