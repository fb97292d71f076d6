package dev.actr.cli;

import dev.actr.engine.internal.Preflight;
import dev.actr.journal.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command in child JVMs: started as {@code cli/bin/jvm-flags} says, it prints no SLF4J warnings; started
 * without the flags, it fails with one line naming them.
 */
class JvmFlagsTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldPrintTheFlagsThePreflightRequires() throws Exception
    {
        final ProcessBuilder script = new ProcessBuilder("bash", Path.of("bin", "jvm-flags").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = script.start();
        final String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(printed.split(" "))).containsExactlyElementsOf(Preflight.requiredFlags());
        assertThat(ChildJvm.jvmFlags()).containsExactlyInAnyOrderElementsOf(Preflight.requiredFlags());
    }

    @Test
    @Timeout(120)
    void shouldPrintNoSlf4jWarningsWhenReadingAJournal() throws Exception
    {
        final Path node = dir.resolve("node");
        final Path work = Files.createDirectories(dir.resolve("work"));
        Recordings.recordTwoCalls(node);
        final List<ChildJvm> children = new ArrayList<>();
        boolean passed = false;
        try
        {
            final ChildJvm child = ChildJvm.start(work, 1, "(", ActrMain.class,
                List.of("journal", "dump", node.toString()));
            children.add(child);
            child.awaitReady();
            child.awaitExit(0);

            final String stdout = Files.readString(work.resolve("child-1.out"));
            final String stderr = Files.readString(work.resolve("child-1.err"));
            assertThat(stdout).contains("route=acme.Echo.Say").contains(" records)").doesNotContain("SLF4J");
            assertThat(stderr).doesNotContain("SLF4J").doesNotContain("INFO:");
            passed = true;
        }
        finally
        {
            ChildJvm.cleanUp(children, work, passed);
        }
    }

    @Test
    @Timeout(60)
    void shouldFailInOneLineNamingTheMissingFlags() throws Exception
    {
        final Path stderr = dir.resolve("stderr");
        final Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), ActrMain.class.getName(), "stat", dir.toString())
            .redirectError(stderr.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(Files.readString(stderr))
            .startsWith("actr stat: this JVM lacks the flags actr needs: " +
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
            .contains("cli/bin/jvm-flags prints the full set for your java")
            .hasLineCount(1);
    }
}
