package dev.actr.cli;

import dev.actr.engine.internal.counters.CountersFileReader;
import dev.actr.engine.internal.counters.CountersFileReader.Liveness;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code actr stat <node dir>}: maps the node's {@code counters.dat} read-only and prints every counter (system
 * counters, then per-route latency), refreshed each second until the node stops or the user interrupts; as Aeron's
 * {@code AeronStat} does for a media driver.
 */
@Command(name = "stat", description = {"Print a running node's live counters, refreshed each second.",
    "Exit status 1 when the node is not running (closed, or its process is gone)."})
final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "<node dir>", description = "The node's directory (NodeContext.directory).")
    Path directory;

    @Option(names = "--once", description = "Print the counters once and exit.")
    boolean once;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Refresh interval (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--allow-stale",
        description = "Print the last counters of a node that is no longer running, instead of failing.")
    boolean allowStale;

    @Override
    public Integer call()
    {
        if (intervalMs <= 0)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--interval-ms must be positive, not " + intervalMs);
        }
        CliException.requireJvmFlags(false);
        final CountersFileReader reader = CountersFileReader.open(directory);
        final PrintWriter out = spec.commandLine().getOut();
        final boolean clear = !once && System.console() != null;
        while (true)
        {
            final Liveness liveness = reader.liveness();
            if (liveness != Liveness.RUNNING && !allowStale)
            {
                throw new CliException(ActrMain.EXIT_FAILURE, staleLine(reader, liveness));
            }
            if (clear)
            {
                out.print(CLEAR_SCREEN);
            }
            print(reader, liveness, out);
            out.flush();
            if (once || liveness != Liveness.RUNNING)
            {
                return ActrMain.EXIT_OK;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(intervalMs));
            if (Thread.currentThread().isInterrupted())
            {
                return ActrMain.EXIT_OK;
            }
        }
    }

    private static String staleLine(final CountersFileReader reader, final Liveness liveness)
    {
        return reader.path() + " is stale: its node (pid " + reader.pid() + ") " +
            (liveness == Liveness.CLOSED ? "closed at " + Instant.ofEpochMilli(reader.closeMs()) :
            "is not running (it died without closing)") + "; --allow-stale prints its last counters";
    }

    private static void print(final CountersFileReader reader, final Liveness liveness, final PrintWriter out)
    {
        out.println(reader.path() + ": node pid " + reader.pid() + " " +
            liveness.name().toLowerCase(Locale.ROOT) + ", started " +
            Instant.ofEpochMilli(reader.nodeStartMs()) + ", now " + Instant.now());
        final CountersReader counters = reader.countersReader();
        counters.forEach((counterId, typeId, keyBuffer, label) -> out.println(
            String.format("%4d: %20d - %s", counterId, counters.getCounterValue(counterId), label)));
        out.println("--");
    }
}
