package dev.actr.cli;

import dev.actr.engine.internal.Preflight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    @Test
    void shouldDrawTheChartOfTheNewestRunWithTheBenchmarksJarsChartMain()
    {
        final List<String> command = BenchCommand.chartCommand(Path.of("/jdk/bin/java"), Path.of("b.jar"),
            Path.of("/repo"), "", null);

        assertThat(command).containsExactly("/jdk/bin/java", "-Dactr.bench.resultsRoot=" +
            Path.of("/repo").resolve("benchmarks/target/bench-results"), "-Dactr.bench.chartName=actr bench --chart",
            "-cp", "b.jar", "dev.actr.benchmarks.chart.BenchChartMain");
    }

    @Test
    void shouldPassTheResultsDirectoryAndTheOutputFileToTheChart()
    {
        final List<String> command = BenchCommand.chartCommand(Path.of("/jdk/bin/java"), Path.of("b.jar"),
            Path.of("/repo"), "runs/r1", Path.of("out.png"));

        assertThat(command.subList(command.size() - 4, command.size()))
            .containsExactly("dev.actr.benchmarks.chart.BenchChartMain", "runs/r1", "--out", "out.png");
    }

    @Test
    void shouldTakeTheChartsDirectoryAsOptionalAndOutOnlyWithIt()
    {
        assertThat(bench("--chart", "--out", "x.png")).as("parsed; fails only for the missing jar")
            .isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err()).contains("no benchmarks jar");

        assertThat(bench("--out", "x.png")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err()).endsWith("actr bench: --out goes with --chart" + System.lineSeparator());
    }

    @Test
    void shouldRefuseTheChartWithARunsOptions()
    {
        assertThat(bench("--chart", "runs/r1", "--quick")).isEqualTo(ActrMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("actr bench: --chart draws saved results: no --quick, --suite or JMH arguments " +
            "with it" + System.lineSeparator());
    }

    @Test
    void shouldRefuseTheSuiteWithJmhArguments()
    {
        assertThat(bench("--suite", "FrameCodec")).isEqualTo(ActrMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("actr bench: --suite runs the whole suite: no --quick or JMH arguments with it" +
            System.lineSeparator());
    }

    @Test
    void shouldRunTheSuiteScriptForQuickAloneAndSayWhereItIsMissing() throws Exception
    {
        Files.createDirectories(home.resolve("benchmarks/target"));
        Files.writeString(home.resolve(BenchCommand.JAR), "not opened before the script runs");

        assertThat(bench("--quick")).isEqualTo(ActrMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("actr bench: no suite script at " + home.resolve("benchmarks/bench") +
            " (run actr from the repository: ./actr bench --quick)" + System.lineSeparator());
    }

    private int bench(final String... args)
    {
        final String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        return ActrMain.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), ActrMain.SIGNALING, home);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
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
