package org.invitebot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;

/** The release archive as a user without Docker gets it: unpacked, its launcher run against the stand-ins. */
class ReleaseArchiveIT {

    @TempDir
    static Path unpacked;
    static Release release;

    @TempDir
    Path dir;
    private DemoWorld world;
    private Path config;

    @BeforeAll
    static void unpack() throws Exception {
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
    void theArchiveHoldsTheLauncherTheJarTheExampleConfigurationAndTheUnit() throws Exception {
        assertThat(Files.getPosixFilePermissions(release.launcher())).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(release.home.resolve("lib/invitebot.jar")).isRegularFile();
        assertThat(release.home.resolve("config/invitebot.example.yaml")).isRegularFile();
        assertThat(release.home.resolve("systemd/invitebot.service")).isRegularFile();
        assertThat(release.home.resolve("README.md")).content().contains("## Install without Docker");
    }

    @Test
    void versionNamesTheReleaseAndItsCommit() throws Exception {
        Release.Ran ran = release.launch(Release.thisJdk(), Map.of(), "--version");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output().strip()).matches("invitebot " + Release.VERSION.replace(".", "\\.")
                + " \\(commit ([0-9a-f]{10}|unknown)\\)");
    }

    @Test
    void checkPassesAgainstTheStandInsWithTheSecretsAsSystemdCredentials() throws Exception {
        // as the README and the unit set it up: each secret in a file in $CREDENTIALS_DIRECTORY (LoadCredential=)
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        String yaml = world.configYaml();
        yaml = asCredential(yaml, "  token: ", "  token_file: ", "authentik_token", credentials);
        yaml = asCredential(yaml, "  access_token: ", "  access_token_file: ", "matrix_access_token", credentials);
        yaml = asCredential(yaml, "  number: ", "  number_file: ", "signal_number", credentials);
        Files.writeString(config, yaml);

        Release.Ran ran = release.launch(Release.thisJdk(), Map.of("CREDENTIALS_DIRECTORY", credentials.toString()),
                "check", "--config", config.toString());

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("PASS  state file " + dir.resolve("state/invitebot.db") + " opens")
                .containsPattern("all \\d+ checks passed");
    }

    /** Moves the value of the line starting with {@code key} into a file, and points {@code fileKey} at it. */
    private static String asCredential(String yaml, String key, String fileKey, String name, Path credentials) throws Exception {
        String line = yaml.lines().filter(candidate -> candidate.startsWith(key)).findFirst().orElseThrow();
        Files.writeString(credentials.resolve(name), line.substring(key.length()).replace("\"", ""));
        return yaml.replace(line, fileKey + "${CREDENTIALS_DIRECTORY}/" + name);
    }

    @Test
    void runKeepsAClassDataArchiveInTheStateDirectoryAndUsesIt() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));

        String first = release.runUntilStarted(Release.thisJdk(), config, state);
        long written = Files.getLastModifiedTime(state.resolve("invitebot.jsa")).toMillis();
        String second = release.runUntilStarted(Release.thisJdk(), config, state);

        assertThat(new Release.Ran(0, first + second).warnings()).isEmpty();
        assertThat(first).contains("invitebot " + Release.VERSION + " (commit ");
        assertThat(Files.getLastModifiedTime(state.resolve("invitebot.jsa")).toMillis())
                .as("the second start maps the archive the first wrote").isEqualTo(written);
    }

    @Test
    void helpNeedsNoConfiguration() throws Exception {
        Release.Ran ran = release.launch(Release.thisJdk(), Map.of(), "invite", "--help");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).startsWith("Usage: invitebot invite");
    }

    @Test
    void javaOptsReachTheJvm() throws Exception {
        Release.Ran ran = release.launch(Release.thisJdk(), Map.of("JAVA_OPTS", "-XshowSettings:vm -Xmx77m"), "--version");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("VM settings:", "Max. Heap Size: 77.00M");
    }

    @Test
    void withoutJavaTheLauncherSaysHowToGetIt() throws Exception {
        // a PATH with the tools the launcher uses, and no java
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : new String[] {"dirname", "readlink", "awk", "cut"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }

        Release.Ran ran = release.launch(null, Map.of("PATH", bin.toString()), "--version");

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.output()).contains("needs Java 17 or newer", "found no java", "apt install openjdk-17-jre-headless",
                "JAVA_HOME");
    }

    @Test
    void anOlderJavaIsNamedAndRefused() throws Exception {
        Path old = dir.resolve("jdk-11");
        Path java = Files.createDirectories(old.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        java.toFile().setExecutable(true);

        Release.Ran ran = release.launch(old, Map.of(), "--version");

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.output()).contains("needs Java 17 or newer; " + java + " is 11.0.21");
    }
}
