package dev.actr.cli;

import dev.actr.engine.internal.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actr bench}: the benchmarks module's shaded jar ({@code benchmarks/target/benchmarks.jar}) run in a JVM of
 * its own, three ways:
 * <ul>
 *     <li>{@code actr bench [--quick] JMH-ARGS}: one JMH run with actr's JVM flags in the harness and in every fork;
 *     any JMH argument passes through ({@code FrameCodec -prof gc}, {@code -rf json -rff out.json}, {@code -l}).</li>
 *     <li>{@code actr bench --quick} or {@code --suite} with no JMH argument: the comparison suite
 *     ({@code benchmarks/bench --quick|--suite}: JMH against Pekko, raw Netty and gRPC, the probes, and the chart)
 *     into a new directory under {@code benchmarks/target/bench-results}.</li>
 *     <li>{@code actr bench --chart [RESULTS_DIR] [--out FILE.png]}: the latency chart of a suite's results
 *     (default: the newest run, into its {@code chart.png}); one line and exit status 2 for a missing directory, no
 *     results or a damaged file.</li>
 * </ul>
 */
@Command(name = "bench", description = {"Run the JMH benchmarks with actr's JVM flags (JMH arguments pass through), " +
    "the comparison suite, or the latency chart of its results.",
    "Examples: actr bench --quick (the suite, short); actr bench --quick FrameCodecBenchmark; " +
        "actr bench HostCall -prof gc; actr bench --chart; actr bench -- -h (JMH's help)"})
final class BenchCommand implements Callable<Integer>
{
    /** Where the benchmarks jar is under the repository root. */
    static final String JAR = "benchmarks/target/benchmarks.jar";
    /** The suite's script under the repository root. */
    static final String SUITE_SCRIPT = "benchmarks/bench";
    /** Where the suite's results directories are under the repository root. */
    static final String RESULTS_ROOT = "benchmarks/target/bench-results";
    /** The chart's main class in the benchmarks jar. */
    static final String CHART_MAIN = "dev.actr.benchmarks.chart.BenchChartMain";
    /** A short run: one fork, one warm-up and three measurement iterations of a second. */
    static final List<String> QUICK = List.of("-f", "1", "-wi", "1", "-i", "3", "-w", "1s", "-r", "1s");

    private final Path home;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--quick", description = "Alone: the comparison suite, short (under 10 minutes on 2 cores). " +
        "With JMH arguments: one fork, 1 warm-up and 3 measurement iterations of 1 s (JMH arguments after it still " +
        "override).")
    boolean quick;

    @Option(names = "--suite", description = "The comparison suite at full length (benchmarks/bench --suite).")
    boolean suite;

    @Option(names = "--chart", arity = "0..1", fallbackValue = "", paramLabel = "RESULTS_DIR", description = "Draw " +
        "the latency chart (p50/p99/p99.9 per lane and peer, log scale) of a suite's results (default: the newest " +
        "directory under " + RESULTS_ROOT + ") into RESULTS_DIR/chart.png.")
    String chart;

    @Option(names = "--out", paramLabel = "FILE.png", description = "With --chart: write the chart here instead.")
    Path out;

    @Option(names = "--jar", paramLabel = "JAR", description = "The benchmarks jar (default: <repository>/" + JAR + ").")
    Path jar;

    @Parameters(paramLabel = "JMH-ARGS", arity = "0..*", description = "Passed to JMH: a benchmark regex, options.")
    List<String> jmhArgs = new ArrayList<>();

    BenchCommand(final Path home)
    {
        this.home = home;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        checkOptions();
        final Path benchmarks = jar != null ? jar : home.resolve(JAR);
        if (!Files.isRegularFile(benchmarks))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "no benchmarks jar at " + benchmarks + "; build it with " +
                "'mvn -B -q -DskipTests package -pl benchmarks -am' (./actr bench builds it when missing)");
        }
        if (chart != null)
        {
            final int status = run(chartCommand(javaExecutable(), benchmarks, home, chart, out));
            if (status == ActrMain.EXIT_USAGE)
            {
                return ActrMain.EXIT_USAGE; // the chart said why, in one line
            }
            return checked(status, "the chart");
        }
        if (suite || (quick && jmhArgs.isEmpty()))
        {
            final Path script = home.resolve(SUITE_SCRIPT);
            if (!Files.isExecutable(script))
            {
                throw new CliException(ActrMain.EXIT_USAGE, "no suite script at " + script + " (run actr from the " +
                    "repository: ./actr bench " + (suite ? "--suite" : "--quick") + ")");
            }
            return checked(run(List.of(script.toString(), suite ? "--suite" : "--quick")), "the suite");
        }
        return checked(run(command(javaExecutable(), benchmarks, quick, jmhArgs)), "JMH");
    }

    private void checkOptions()
    {
        if (out != null && chart == null)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--out goes with --chart");
        }
        if (chart != null && (quick || suite || !jmhArgs.isEmpty()))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--chart draws saved results: no --quick, --suite or JMH " +
                "arguments with it");
        }
        if (suite && (quick || !jmhArgs.isEmpty()))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--suite runs the whole suite: no --quick or JMH arguments " +
                "with it");
        }
    }

    private int run(final List<String> command) throws InterruptedException
    {
        return BenchProcess.run(command, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private static int checked(final int status, final String what)
    {
        if (status != 0)
        {
            throw new CliException(ActrMain.EXIT_FAILURE, what + " exited with status " + status);
        }
        return ActrMain.EXIT_OK;
    }

    /**
     * @param java       the java to run.
     * @param benchmarks the JMH jar.
     * @param quick      whether to add {@link #QUICK} before the user's arguments.
     * @param jmhArgs    the user's JMH arguments.
     * @return {@code java <flags> -jar <jar> -jvmArgsAppend "<flags>" [quick] <args>}.
     */
    static List<String> command(final Path java, final Path benchmarks, final boolean quick, final List<String> jmhArgs)
    {
        final List<String> flags = Preflight.requiredFlags();
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(flags);
        command.add("-jar");
        command.add(benchmarks.toString());
        command.add("-jvmArgsAppend");
        command.add(String.join(" ", flags));
        if (quick)
        {
            command.addAll(QUICK);
        }
        command.addAll(jmhArgs);
        return command;
    }

    /**
     * @param java       the java to run.
     * @param benchmarks the jar holding {@link #CHART_MAIN}.
     * @param home       the repository root ({@link #RESULTS_ROOT} is under it).
     * @param directory  the results directory, or empty for the newest.
     * @param png        where to write the chart, or null for the results directory's chart.png.
     * @return {@code java -Dactr.bench.resultsRoot=... -Dactr.bench.chartName=... -cp <jar> <main> [dir] [--out png]}.
     */
    static List<String> chartCommand(
        final Path java, final Path benchmarks, final Path home, final String directory, final Path png)
    {
        final List<String> command = new ArrayList<>(List.of(java.toString(),
            "-Dactr.bench.resultsRoot=" + home.resolve(RESULTS_ROOT), "-Dactr.bench.chartName=actr bench --chart",
            "-cp", benchmarks.toString(), CHART_MAIN));
        if (!directory.isEmpty())
        {
            command.add(directory);
        }
        if (png != null)
        {
            command.add("--out");
            command.add(png.toString());
        }
        return command;
    }

    private static Path javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
