package org.invitebot.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;

/**
 * On the newest JDK here (Temurin under /usr/lib/jvm; CI has 25), the packaged bot prints no JVM warning:
 * sqlite-jdbc loads its native library, which Java 24 and newer warn about unless the jar's manifest
 * enables native access.
 */
class NewestJdkIT {

    private static final Pattern TEMURIN = Pattern.compile("temurin-(\\d+)(-.*)?");

    @TempDir
    static Path unpacked;
    static Release release;
    static Path newest;

    @TempDir
    Path dir;
    private DemoWorld world;
    private Path config;

    @BeforeAll
    static void findTheNewestJdk() throws Exception {
        Optional<Path> found = newestTemurin();
        assumeTrue(found.isPresent(), "no JDK under /usr/lib/jvm/temurin-*: the check on the newest JDK runs where one is"
                + " installed (CI has Temurin 25)");
        newest = found.get();
        release = Release.unpack(unpacked);
    }

    @BeforeEach
    void start() throws Exception {
        world = DemoWorld.start(dir.resolve("state/invitebot.db"));
        for (String room : new String[] {world.adminsRoom(), world.lobbyRoom(), world.onboardingRoom()}) {
            world.homeserver().join(room, DemoWorld.BOT);
        }
        config = dir.resolve("invitebot.yaml");
        Files.writeString(config, world.configYaml());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void thePackagedJarOpensTheStateFileWithoutAWarning() throws Exception {
        Release.Ran ran = Release.run(new ProcessBuilder(newest.resolve("bin/java").toString(), "-jar",
                release.home.resolve("lib/invitebot.jar").toString(), "check", "--config", config.toString()), 120);

        assertThat(ran.output()).as("the state file was opened, where sqlite-jdbc loads its library")
                .contains("PASS  state file " + dir.resolve("state/invitebot.db") + " opens");
        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.warnings()).as("on %s", newest).isEmpty();
    }

    @Test
    void theLauncherRunsTheBotWithItsClassDataArchiveWithoutAWarning() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));

        String printed = release.runUntilStarted(newest, config, state);

        assertThat(printed).contains("invitebot " + Release.VERSION + " (commit ", "starting on Java " + javaVersion(newest));
        assertThat(new Release.Ran(0, printed).warnings()).as("on %s", newest).isEmpty();
        assertThat(state.resolve("invitebot.jsa")).as("the class-data archive, written in the state directory at exit")
                .isNotEmptyFile();
    }

    private static String javaVersion(Path jdk) throws IOException {
        return Files.readAllLines(jdk.resolve("release")).stream().filter(line -> line.startsWith("JAVA_RUNTIME_VERSION="))
                .map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "")).findFirst().orElse("");
    }

    static Optional<Path> newestTemurin() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(jvms)) {
            List<Path> temurins = all.filter(jdk -> TEMURIN.matcher(jdk.getFileName().toString()).matches())
                    .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).toList();
            return temurins.stream().max(Comparator.comparingInt(NewestJdkIT::feature));
        }
    }

    private static int feature(Path jdk) {
        Matcher matcher = TEMURIN.matcher(jdk.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
