package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cost of the replay journal on the in-process host call round trip ({@code host().callBlocking} to an echo
 * actor), per threading mode, with its baseline in the same class and run:
 * <ul>
 *     <li>{@code SHARED_NO_JOURNAL}: the baseline; one engine thread, no replay journal.</li>
 *     <li>{@code SHARED_JOURNAL}: one engine thread that journals every ingress frame, actor input and outbound
 *     envelope inline in its duty cycle.</li>
 *     <li>{@code DEDICATED_JOURNAL}: a journaller thread records ingress frames while the engine thread routes
 *     those already journalled; each frame of the round trip (the request, then the actor's reply, which comes
 *     back through the same ingress ring) is handed from the publisher to the journaller to the engine.</li>
 * </ul>
 * ({@code DEDICATED} without a journal runs as {@code SHARED}, so it is not a separate case.)
 *
 * <p>All three nodes are durable: a directory is set, so each has the Chronicle mailbox and the dedup (commit)
 * journal with FsyncPolicy.NONE. Only {@code journalEnabled} and the threading mode differ, so the difference from
 * the baseline is the replay journal and the journaller thread alone, not the durable mailbox
 * ({@link HostCallBenchmark} has the in-memory mailbox's figure).
 *
 * <p>Every thread of the node idles with the default {@link dev.actr.engine.ParkingIdleStrategy} (the journaller
 * always parks): the benchmark thread is itself a busy caller, and on two cores at most one thread may busy-spin.
 * {@link #callBlockingRoundTrip} is the host's blocking call (its caller spins about 20 µs, then parks);
 * {@link #callFutureSpinRoundTrip} spins on a future for as long as it takes, so it leaves out the caller's own
 * wake-up and shows the node's threads alone. Each reply is checked against its request (the requests cycle through
 * {@value #DISTINCT_REQUESTS} distinct values) so a broken path cannot produce a figure; at the end of the trial
 * the node must have counted no errors, and the replay journal must exist, holding at least one ingress record per
 * call, exactly when it is enabled.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JournalledCallBenchmark
{
    /** Distinct request values cycled through (a power of two). */
    public static final int DISTINCT_REQUESTS = 1024;

    private static final ActrId ECHO = ActrIds.parse("1@1/bench:echo:1");
    private static final String ROUTE = "bench.Echo.Echo";
    private static final long CALL_TIMEOUT_MS = 5_000;

    /** Threading mode and replay journal; every case has a node directory. */
    @Param({"SHARED_NO_JOURNAL", "SHARED_JOURNAL", "DEDICATED_JOURNAL"})
    String mode;

    private final Dest echo = Dest.workload(ECHO);
    private final Int64Value[] requests = new Int64Value[DISTINCT_REQUESTS];
    private Path directory;
    private ActrNode node;
    private boolean journalEnabled;
    private long calls;

    /**
     * Create the node directory in a temporary directory and launch a node with one echo actor.
     *
     * @throws IOException if the directory cannot be created.
     */
    @Setup(Level.Trial)
    public void launch() throws IOException
    {
        final ThreadingMode threadingMode;
        switch (mode)
        {
            case "SHARED_NO_JOURNAL":
                threadingMode = ThreadingMode.SHARED;
                journalEnabled = false;
                break;
            case "SHARED_JOURNAL":
                threadingMode = ThreadingMode.SHARED;
                journalEnabled = true;
                break;
            case "DEDICATED_JOURNAL":
                threadingMode = ThreadingMode.DEDICATED;
                journalEnabled = true;
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
        for (int i = 0; i < DISTINCT_REQUESTS; i++)
        {
            requests[i] = Int64Value.of(1_000_000L + i);
        }
        calls = 0;
        directory = Files.createTempDirectory("actr-journalled-call-bench");
        // Default idle strategy (parking, woken by every publish), default fsync policy (NONE).
        node = ActrNode.launch(new NodeContext()
            .threadingMode(threadingMode)
            .directory(directory.resolve("node"))
            .journalEnabled(journalEnabled)
            .actor(ECHO, routes -> routes.handle(ROUTE, Int64Value.parser(), (ctx, value) -> value)));
    }

    /**
     * Stop the node, check it did what was measured, and delete its files.
     *
     * @throws IOException if a file cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void close() throws IOException
    {
        try
        {
            final long errors = node.counter(SystemCounter.ERRORS);
            final long requestsSeen = node.counter(SystemCounter.REQUESTS);
            node.close();
            if (errors != 0 || requestsSeen < calls)
            {
                throw new IllegalStateException(
                    mode + ": " + errors + " errors, " + requestsSeen + " requests for " + calls + " calls");
            }
            checkJournal();
        }
        finally
        {
            deleteRecursively(directory);
        }
    }

    /**
     * @return the echoed value, checked.
     */
    @Benchmark
    public long callBlockingRoundTrip()
    {
        final Int64Value request = requests[(int)(calls++ & (DISTINCT_REQUESTS - 1))];
        final long reply = node.host().callBlocking(echo, ROUTE, request, Int64Value.parser(), CALL_TIMEOUT_MS)
            .getValue();
        if (reply != request.getValue())
        {
            throw new IllegalStateException(mode + ": echo answered " + reply + " to " + request.getValue());
        }
        return reply;
    }

    /**
     * The same round trip with a caller that never parks: {@code host().call} and a spin on the future until the
     * engine completes it. The blocking call spins about 20 µs and then parks, so a round trip a little longer than
     * that also pays the caller's wake-up; this variant leaves out that step and shows what the node's own
     * threads cost. (It allocates the future and the call's pending entry per call.)
     *
     * @return the echoed value, checked.
     */
    @Benchmark
    public long callFutureSpinRoundTrip()
    {
        final Int64Value request = requests[(int)(calls++ & (DISTINCT_REQUESTS - 1))];
        final CompletableFuture<Int64Value> future =
            node.host().call(echo, ROUTE, request, Int64Value.parser(), CALL_TIMEOUT_MS);
        while (!future.isDone())
        {
            Thread.onSpinWait();
        }
        final long reply = future.join().getValue();
        if (reply != request.getValue())
        {
            throw new IllegalStateException(mode + ": echo answered " + reply + " to " + request.getValue());
        }
        return reply;
    }

    private void checkJournal()
    {
        final Path journal = directory.resolve("node").resolve("journal");
        if (!journalEnabled)
        {
            if (Files.exists(journal))
            {
                throw new IllegalStateException(mode + ": a replay journal was written at " + journal);
            }
            return;
        }
        final JournalStats stats = JournalStats.of(journal);
        final long ingressRecords = stats.kind(JournalKind.INGRESS).records();
        if (ingressRecords < calls)
        {
            throw new IllegalStateException(
                mode + ": " + ingressRecords + " ingress records for " + calls + " calls\n" + stats);
        }
        System.out.println(mode + ": " + calls + " calls; " + stats);
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.delete(path);
            }
        }
    }
}
