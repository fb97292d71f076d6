package dev.actr.engine.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node launched in a JVM without actr's flags fails with one line naming the missing ones (not an
 * IllegalAccessError from Agrona, not a read-only Chronicle queue); each flag is checked where it matters.
 */
class PreflightTest
{
    private static final String AGRONA_FLAG = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final String CHRONICLE_FLAG = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";

    @TempDir
    Path dir;

    @Test
    void shouldFindNothingMissingInThisJvm()
    {
        assertThat(Preflight.missingFlags(true)).isEmpty();
    }

    @Test
    @Timeout(60)
    void shouldFailInOneLineNamingEveryMissingFlag() throws Exception
    {
        final Child child = start(List.of(), dir.resolve("node").toString());

        assertThat(child.exit).isEqualTo(1);
        final String first = child.stderr.get(0);
        assertThat(first).startsWith("Exception in thread \"main\" java.lang.IllegalStateException: " +
            "this JVM lacks the flags actr needs: " + AGRONA_FLAG)
            .endsWith("(add them to the java command line; cli/bin/jvm-flags prints the full set for your java)");
        for (final String flag : Preflight.requiredFlags())
        {
            assertThat(first).contains(flag);
        }
        assertThat(child.stderr.subList(1, child.stderr.size())).allMatch(line -> line.startsWith("\tat "));
        assertThat(child.stdout).doesNotContain("launched");
        assertThat(dir.resolve("node")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void shouldNameOnlyTheFlagThatIsMissing() throws Exception
    {
        final List<String> flags = new ArrayList<>(ourFlags());
        flags.remove(CHRONICLE_FLAG);

        final Child child = start(flags, dir.resolve("node").toString());

        assertThat(child.exit).isEqualTo(1);
        assertThat(child.stderr.get(0)).endsWith("IllegalStateException: this JVM lacks the flags actr needs: " +
            CHRONICLE_FLAG + " (add them to the java command line; cli/bin/jvm-flags prints the full set for your java)");
    }

    @Test
    @Timeout(60)
    void shouldLaunchANodeInMemoryWithoutTheChronicleFlags() throws Exception
    {
        final List<String> flags = new ArrayList<>();
        for (final String flag : ourFlags())
        {
            if (flag.equals(AGRONA_FLAG) || flag.startsWith("--enable-native-access") ||
                flag.startsWith("--sun-misc-unsafe-memory-access"))
            {
                flags.add(flag);
            }
        }

        final Child child = start(flags);

        assertThat(child.stderr).isEmpty();
        assertThat(child.exit).isZero();
        assertThat(child.stdout).containsExactly("launched null");
    }

    private static List<String> ourFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (Preflight.requiredFlags().contains(arg))
            {
                flags.add(arg);
            }
        }
        assertThat(flags).as("run through Maven, with actr.jvm.flags").containsAll(Preflight.requiredFlags());
        return flags;
    }

    private Child start(final List<String> flags, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            PreflightNodeMain.class.getName()));
        command.addAll(List.of(args));
        final Path out = Files.createTempFile(dir, "child", ".out");
        final Path err = Files.createTempFile(dir, "child", ".err");
        final Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        if (!process.waitFor(50, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("child did not exit; stderr: " + Files.readString(err));
        }
        return new Child(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    private static final class Child
    {
        final int exit;
        final List<String> stdout;
        final List<String> stderr;

        Child(final int exit, final List<String> stdout, final List<String> stderr)
        {
            this.exit = exit;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }
}
