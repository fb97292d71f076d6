package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalReader;
import dev.actr.journal.replay.JournalStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * Replay rate of {@link Replayer}: inputs per second when fresh actors are run over a recorded dispatch journal of
 * {@value #INPUTS} host calls to one stateful actor (a running total with a typed handler), against its baseline
 * in the same class: the same {@value #INPUTS} calls dispatched live by a node in INVOKER mode without a journal
 * (in-memory mailbox, as the replay uses), driven on the benchmark thread exactly as the recording was.
 *
 * <p>Scores are throughput in inputs per second ({@link OperationsPerInvocation} is {@value #INPUTS}, so one
 * operation is one input); the ratio {@code baselineLiveDispatch / replay} is what one replayed input costs in
 * live dispatches. Each replay invocation is a whole {@link Replayer#replay} call, so its fixed cost (opening the
 * journal's queues, assembling a node, loading the outbound journal) is spread over the {@value #INPUTS} inputs;
 * {@link #replayOneInputJournal} measures that fixed cost on its own. An input is one recorded call (one MESSAGE
 * dispatch record; setup checks there are exactly {@value #INPUTS}); bookkeeping records the node journals besides
 * them are replayed too but not counted. A replay that is not identical, or that stops before the journal's last
 * dispatch record, throws instead of producing a figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplayBenchmark
{
    /** Host calls in the recorded journal, and per live invocation: one dispatch input each. */
    public static final int INPUTS = 10_000;

    private static final ActrId COUNTER = ActrIds.parse("c0@1/bench:counter:1");
    private static final String ROUTE = "bench.Counter.Add";
    private static final Dest DEST = Dest.workload(COUNTER);
    private static final long CALL_TIMEOUT_MS = 5_000;

    /** Adds each request to a running total and answers the total. */
    static final class Counter implements Actor
    {
        private long total;

        @Override
        public void onRegister(final Routes routes)
        {
            routes.handle(ROUTE, Int64Value.parser(), (ctx, value) ->
            {
                total += value.getValue();
                return Int64Value.of(total);
            });
        }
    }

    /** A journal of {@value #INPUTS} calls, and one of a single call, recorded in a temporary directory. */
    @State(Scope.Benchmark)
    public static class Recorded
    {
        Path directory;
        Path journal;
        long journalRecords;
        Path oneInputJournal;
        long oneInputJournalRecords;

        /**
         * Record both journals.
         *
         * @throws IOException if the directory cannot be created.
         */
        @Setup(Level.Trial)
        public void record() throws IOException
        {
            directory = Files.createTempDirectory("actr-replay-bench");
            journal = record(directory.resolve("full"), INPUTS);
            journalRecords = dispatchRecords(journal);
            oneInputJournal = record(directory.resolve("one"), 1);
            oneInputJournalRecords = dispatchRecords(oneInputJournal);
        }

        /**
         * Delete the journals.
         *
         * @throws IOException if a file cannot be deleted.
         */
        @TearDown(Level.Trial)
        public void delete() throws IOException
        {
            deleteRecursively(directory);
        }

        private static Path record(final Path nodeDirectory, final int inputs)
        {
            final Int64Value[] requests = requests(inputs);
            try (ActrNode node = ActrNode.launch(counterNode().threadingMode(ThreadingMode.INVOKER)
                .directory(nodeDirectory).journalEnabled(true)))
            {
                long total = 0;
                for (final Int64Value request : requests)
                {
                    total += request.getValue();
                    call(node, request, total);
                }
                while (node.invoke() > 0)
                {
                    Thread.onSpinWait();
                }
            }
            final Path journal = nodeDirectory.resolve("journal");
            final long messages = countMessages(journal);
            if (messages != inputs)
            {
                throw new IllegalStateException("recorded " + messages + " MESSAGE inputs, expected " + inputs);
            }
            return journal;
        }

        private static long dispatchRecords(final Path journal)
        {
            return JournalStats.of(journal).kind(JournalKind.DISPATCH).records();
        }

        private static long countMessages(final Path journal)
        {
            long messages = 0;
            try (JournalReader reader = JournalReader.open(journal, JournalKind.DISPATCH))
            {
                while (reader.next())
                {
                    if (reader.record().inputType() == DispatchInput.MESSAGE)
                    {
                        messages++;
                    }
                }
            }
            return messages;
        }
    }

    /** A node with the counter actor, INVOKER mode, no directory and no journal. */
    @State(Scope.Benchmark)
    public static class Live
    {
        final Int64Value[] requests = requests(INPUTS);
        ActrNode node;
        long total;

        /**
         * Launch the node.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            node = ActrNode.launch(counterNode().threadingMode(ThreadingMode.INVOKER));
        }

        /**
         * Stop the node.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            node.close();
        }
    }

    /**
     * Replay the {@value #INPUTS}-input journal with fresh actors.
     *
     * @param recorded the journal.
     * @return inputs replayed.
     */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public long replay(final Recorded recorded)
    {
        return replayIdentical(recorded.journal, recorded.journalRecords);
    }

    /**
     * The fixed cost of one {@link Replayer#replay} call: a journal of one input.
     *
     * @param recorded the journal.
     * @return inputs replayed.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long replayOneInputJournal(final Recorded recorded)
    {
        return replayIdentical(recorded.oneInputJournal, recorded.oneInputJournalRecords);
    }

    /**
     * Baseline: the same {@value #INPUTS} calls dispatched live, one at a time, each driven to its reply by
     * {@link ActrNode#invoke()} on this thread.
     *
     * @param live the node.
     * @return the counter's total.
     */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public long baselineLiveDispatch(final Live live)
    {
        long total = live.total;
        for (final Int64Value request : live.requests)
        {
            total += request.getValue();
            call(live.node, request, total);
        }
        live.total = total;
        return total;
    }

    private static long replayIdentical(final Path journal, final long records)
    {
        final ReplayReport report = Replayer.replay(journal, counterNode());
        if (!report.isIdentical() || report.inputs() != records)
        {
            throw new IllegalStateException("replay of " + records + " dispatch records: " + report);
        }
        return report.inputs();
    }

    private static void call(final ActrNode node, final Int64Value request, final long expectedTotal)
    {
        final CompletableFuture<Int64Value> reply =
            node.host().call(DEST, ROUTE, request, Int64Value.parser(), CALL_TIMEOUT_MS);
        while (!reply.isDone())
        {
            node.invoke();
        }
        final long total = reply.join().getValue();
        if (total != expectedTotal)
        {
            throw new IllegalStateException("counter answered " + total + ", expected " + expectedTotal);
        }
    }

    private static NodeContext counterNode()
    {
        return new NodeContext().actor(COUNTER, new Counter());
    }

    private static Int64Value[] requests(final int count)
    {
        final Int64Value[] requests = new Int64Value[count];
        for (int i = 0; i < count; i++)
        {
            requests[i] = Int64Value.of(1 + i % 1000);
        }
        return requests;
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
