package dev.actr.benchmarks.chart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code BenchChartMain [RESULTS_DIR] [--out FILE.png]}: draws the latency chart of a suite's results
 * ({@link BenchChart}) into {@code RESULTS_DIR/chart.png} or {@code FILE.png}. Without {@code RESULTS_DIR}: the newest
 * directory (by its {@code environment.txt}, else its own time) under {@value #RESULTS_ROOT_PROP} (default
 * {@value #RESULTS_ROOT_DEFAULT}). Exit status 0 when written;
 * 2, with one line on stderr, for bad arguments, a missing directory, no results in it, or a damaged file; 1 when
 * the PNG cannot be written. Runs headless. Its lines start with {@value #NAME_PROP} (default {@value #NAME_DEFAULT}).
 */
public final class BenchChartMain
{
    /** System property: where the suite's results directories are. */
    public static final String RESULTS_ROOT_PROP = "actr.bench.resultsRoot";
    /** Its default, relative to the working directory. */
    public static final String RESULTS_ROOT_DEFAULT = "benchmarks/target/bench-results";
    /** System property: the name its lines start with (default {@value #NAME_DEFAULT}; {@code actr bench --chart}). */
    public static final String NAME_PROP = "actr.bench.chartName";
    /** Its default. */
    public static final String NAME_DEFAULT = "chart";
    /** The chart's file name in the results directory. */
    public static final String CHART_FILE = "chart.png";
    /** Exit status: written. */
    public static final int EXIT_OK = 0;
    /** Exit status: the PNG could not be written. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status: bad arguments or results. */
    public static final int EXIT_USAGE = 2;

    private static final String NO_RUN_HINT = " (run the suite first: benchmarks/bench --quick or ./actr bench " +
        "--quick; or name a results directory)";
    private static final String USAGE = "usage: BenchChartMain [RESULTS_DIR] [--out FILE.png]";

    private BenchChartMain()
    {
    }

    /**
     * @param args {@code [RESULTS_DIR] [--out FILE.png]}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args the arguments.
     * @param out  where the result's line goes.
     * @param err  where an error's line goes.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        System.setProperty("java.awt.headless", "true");
        final String name = System.getProperty(NAME_PROP, NAME_DEFAULT);
        Path directory = null;
        Path png = null;
        for (int i = 0; i < args.length; i++)
        {
            if ("--out".equals(args[i]) && i + 1 < args.length && png == null)
            {
                png = Path.of(args[++i]);
            }
            else if (!args[i].startsWith("-") && directory == null)
            {
                directory = Path.of(args[i]);
            }
            else
            {
                err.println(name + ": unexpected argument " + args[i] + "; " + USAGE);
                return EXIT_USAGE;
            }
        }
        try
        {
            final Path resultsDirectory = directory != null ? directory :
                newest(Path.of(System.getProperty(RESULTS_ROOT_PROP, RESULTS_ROOT_DEFAULT)));
            final BenchResults results = BenchResults.read(resultsDirectory);
            final Path file = png != null ? png : resultsDirectory.resolve(CHART_FILE);
            final Path parent = file.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent))
            {
                throw new BenchResultsException("no directory to write " + file + " into");
            }
            BenchChart.write(results, file);
            out.println(name + ": wrote " + file + " (" + BenchChart.WIDTH_PX + " x " + BenchChart.heightPx(results) +
                " px; " + summary(results.groups()) + ")");
            return EXIT_OK;
        }
        catch (final BenchResultsException ex)
        {
            err.println(name + ": " + ex.getMessage());
            return EXIT_USAGE;
        }
        catch (final IOException ex)
        {
            err.println(name + ": cannot write the PNG: " + ex.getMessage());
            return EXIT_FAILURE;
        }
    }

    /**
     * @param root where the suite writes its results directories.
     * @return the most recently modified directory in it.
     * @throws BenchResultsException when there is none.
     */
    static Path newest(final Path root) throws BenchResultsException
    {
        if (!Files.isDirectory(root))
        {
            throw new BenchResultsException("no results directory at " + root + NO_RUN_HINT);
        }
        try (Stream<Path> entries = Files.list(root))
        {
            final Optional<Path> newest = entries.filter(Files::isDirectory)
                .max(Comparator.comparing(BenchChartMain::modified).thenComparing(Path::getFileName));
            if (newest.isEmpty())
            {
                throw new BenchResultsException("no results directory under " + root + NO_RUN_HINT);
            }
            return newest.get();
        }
        catch (final IOException ex)
        {
            throw new BenchResultsException("cannot list " + root + ": " + ex.getMessage());
        }
    }

    /** When the run was (its environment.txt is written at its start and end; a chart drawn later does not count). */
    private static long modified(final Path directory)
    {
        final Path environment = directory.resolve(BenchResults.ENVIRONMENT_FILE);
        try
        {
            return Files.getLastModifiedTime(Files.isRegularFile(environment) ? environment : directory).toMillis();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static String summary(final Map<String, List<LatencyCase>> groups)
    {
        return groups.entrySet().stream().map(group -> group.getKey() + ": " + group.getValue().size())
            .collect(Collectors.joining(", ")) + " cases";
    }
}
