package org.invitebot.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run does.
 *
 * @param warmup commands sent first and not measured, so the JIT and the caches are warm as in a bot
 *               that has been up for a while
 * @param think    the pause after a reply before the next command of the sequential phase
 * @param timeline whether to print the requests around the median and the 99th percentile command of the
 *                 sequential phase
 */
record Settings(Path botJar, List<String> jvmOptions, int commands, int warmup, int rooms, Duration idle,
        Duration think, boolean timeline) {

    /** The same run with more options for the bot's JVM. */
    Settings withJvmOptions(String... more) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(List.of(more));
        return new Settings(botJar, List.copyOf(options), commands, warmup, rooms, idle, think, timeline);
    }

    /** A short run that only has to take the bot through its usual paths once. */
    Settings training() {
        return new Settings(botJar, jvmOptions, 20, 5, rooms, Duration.ZERO, think, false);
    }
}
