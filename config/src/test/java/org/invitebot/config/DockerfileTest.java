package org.invitebot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** No Docker engine runs the build in CI, so what can be checked by reading is checked here. */
class DockerfileTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBuildStageCopiesEveryModuleOfTheReactor() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")))
                .results().map(match -> match.group(1)).toList();

        assertThat(modules).isNotEmpty().allSatisfy(module ->
                assertThat(dockerfile).as("the parent pom lists %s; without it the image's Maven build fails", module)
                        .contains("COPY " + module + "/ " + module + "/"));
    }

    @Test
    void theImageBuildNamesTheCommitGivenAsBuildArgument() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("ARG INVITEBOT_COMMIT=unknown", "-Dgit.commit=\"${INVITEBOT_COMMIT}\"");
        assertThat(Files.readString(ROOT.resolve("bot/src/main/resources-filtered/org/invitebot/bot/build.properties")))
                .contains("commit=${git.commit}");
    }

    @Test
    void theImageBuildSkipsTheReleaseArchiveWhoseFilesItDoesNotCopy() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String assembly = Files.readString(ROOT.resolve("dist/src/assembly/release.xml"));

        assertThat(assembly).contains("../README.md");
        assertThat(dockerfile).doesNotContain("COPY README.md").contains("-Dassembly.skipAssembly=true");
    }

    @Test
    void theReleaseLauncherUsesTheImagesJvmSettings() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String launcher = Files.readString(ROOT.resolve("dist/src/main/dist/bin/invitebot"));

        for (String option : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=error")) {
            assertThat(dockerfile).contains("\"" + option + "\"");
            assertThat(launcher).as("bin/invitebot of the release archive").contains(option);
        }
    }

    @Test
    void theHealthcheckProbesThePortTheImageExposes() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher exposed = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(dockerfile);

        assertThat(exposed.find()).isTrue();
        assertThat(dockerfile).contains("http://127.0.0.1:" + exposed.group(1) + "/healthz");
    }
}
