package dev.actr.cli;

import dev.actr.engine.internal.Preflight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest
{
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldSayHowToBuildAMissingBenchmarksJar()
    {
        final int status = ActrMain.run(new String[] {"bench", "--quick", "FrameCodec"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            ActrMain.SIGNALING, home);

        assertThat(status).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("actr bench: no benchmarks jar at " +
            home.resolve(BenchCommand.JAR) + "; build it with 'mvn -B -q -DskipTests package -pl benchmarks -am' " +
            "(./actr bench builds it when missing)" + System.lineSeparator());
    }

    @Test
    void shouldRunJmhWithTheFlagsInTheHarnessAndEveryForkThenTheQuickSettingsThenTheUsersArguments()
    {
        final List<String> command = BenchCommand.command(Path.of("/jdk/bin/java"), Path.of("b.jar"), true,
            List.of("HostCall", "-prof", "gc", "-i", "5"));

        final List<String> flags = Preflight.requiredFlags();
        assertThat(command.subList(0, flags.size() + 3))
            .containsExactlyElementsOf(concat(List.of("/jdk/bin/java"), flags, List.of("-jar", "b.jar")));
        assertThat(command.get(flags.size() + 3)).isEqualTo("-jvmArgsAppend");
        assertThat(command.get(flags.size() + 4)).isEqualTo(String.join(" ", flags));
        assertThat(command.subList(flags.size() + 5, command.size()))
            .containsExactlyElementsOf(concat(BenchCommand.QUICK, List.of("HostCall", "-prof", "gc", "-i", "5")));
    }

    @Test
    void shouldPassJmhOptionsThroughAsArguments()
    {
        final int status = ActrMain.run(new String[] {"bench", "-prof", "gc", "-rf", "json"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            ActrMain.SIGNALING, home);

        assertThat(status).as("parsed; fails only for the missing jar").isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no benchmarks jar");
    }

    @SafeVarargs
    private static List<String> concat(final List<String>... lists)
    {
        final List<String> all = new java.util.ArrayList<>();
        for (final List<String> list : lists)
        {
            all.addAll(list);
        }
        return all;
    }
}
