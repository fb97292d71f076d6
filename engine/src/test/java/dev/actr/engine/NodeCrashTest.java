package dev.actr.engine;

import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a durable node under load ({@link NodeCrashChild}) with SIGKILL at random moments, restarts it on the same
 * directory each time, drains it, and checks from the effects the node committed ({@link EffectReader}) that every
 * request whose mailbox enqueue returned took effect exactly once: none lost, none twice, whichever moment the kill
 * hit (before the handler ran, between its effect and its commit, between the commit and the ack). Each run
 * takes a random fsync policy, so group commit (acks deferred to the end of a duty cycle) is killed too.
 */
@Tag("slow")
class NodeCrashTest
{
    private static final int KILLS = 12;
    private static final int MIN_EXECUTIONS_BEFORE_KILL = 50;
    private static final int MAX_EXECUTIONS_BEFORE_KILL = 1500;

    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private boolean passed;

    @BeforeEach
    void createDirectories(final TestInfo info) throws IOException
    {
        root = Files.createDirectories(Path.of("target", "node-crash-test",
            info.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis()).toAbsolutePath());
    }

    @AfterEach
    void stopChildrenAndDeleteFilesIfPassed() throws IOException, InterruptedException
    {
        ChildJvm.cleanUp(children, root, passed);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldTakeEffectExactlyOnceForEveryEnqueuedRequestWhenKilledAtRandomMoments() throws Exception
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        int tornLines = 0;
        int run = 0;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final ChildJvm child = start("WORK", ++run, random.nextLong());
            child.awaitReady();
            final int target = MIN_EXECUTIONS_BEFORE_KILL +
                random.nextInt(MAX_EXECUTIONS_BEFORE_KILL - MIN_EXECUTIONS_BEFORE_KILL + 1);
            awaitExecutionsInRun(child, run, target);
            child.kill();
            // A torn line ends in "~torn", so that it matches no line pattern below.
            tornLines += ChildJvm.endTornLine(root.resolve(NodeCrashChild.ENQUEUE_LOG), "~torn") +
                ChildJvm.endTornLine(root.resolve(NodeCrashChild.EXEC_LOG), "~torn");
        }
        final ChildJvm drain = start("DRAIN", ++run, random.nextLong());
        drain.awaitReady();
        drain.awaitExit(0);

        final String context = "seed " + seed + ", files in " + root;
        final Set<Long> enqueued = readSequences(root.resolve(NodeCrashChild.ENQUEUE_LOG), 'E');
        final Map<Long, List<String>> committed = readCommittedEffects(root.resolve("node"), context);
        final int[] reexecuted = countReexecutions(root.resolve(NodeCrashChild.EXEC_LOG));

        assertThat(enqueued).as("enqueues that returned, %s", context).hasSizeGreaterThan(KILLS * 40);
        final Set<Long> lost = new HashSet<>(enqueued);
        lost.removeAll(committed.keySet());
        assertThat(lost).as("enqueued but never took effect, %s", context).isEmpty();
        for (final Map.Entry<Long, List<String>> entry : committed.entrySet())
        {
            assertThat(entry.getValue()).as("effects of %d, %s", entry.getKey(), context)
                .isEqualTo(expectedEffects(entry.getKey()));
        }
        final Set<Long> unlogged = new HashSet<>(committed.keySet());
        unlogged.removeAll(enqueued);
        // A kill between an enqueue's return and its log line leaves one enqueued request per kill unlogged.
        assertThat(unlogged.size()).as("took effect without an enqueue line: %s, %s", unlogged, context)
            .isLessThanOrEqualTo(KILLS + tornLines);
        assertThat(unlogged).as("unlogged requests come from killed runs, %s", context)
            .allMatch(seq -> seq / NodeCrashChild.RUN_STRIDE >= 1 && seq / NodeCrashChild.RUN_STRIDE <= KILLS);
        assertThat(reexecuted[0]).as("requests a kill left unfinished and a later run executed, %s", context)
            .isGreaterThan(0);
        System.out.printf("NodeCrashTest: %d kills, %d enqueued, %d committed once each, %d executed in a later run " +
            "than sent, %d executed in two runs (a kill between handler and commit), %d torn log lines (%s)%n",
            KILLS, enqueued.size(), committed.size(), reexecuted[0], reexecuted[1], tornLines, context);
        passed = true;
    }

    private static List<String> expectedEffects(final long seq)
    {
        if (seq % NodeCrashChild.TELL_EVERY != 0 && seq % NodeCrashChild.DEFERRED_EVERY == 0)
        {
            return List.of(Long.toString(seq), seq + "+");
        }
        return List.of(Long.toString(seq));
    }

    /**
     * @return the effects of each committed request by sequence; fails when a sequence took effect twice.
     */
    private static Map<Long, List<String>> readCommittedEffects(final Path nodeDirectory, final String context)
    {
        final Map<Long, List<String>> bySequence = new HashMap<>();
        final Map<Long, Long> recordOfSequence = new HashMap<>();
        try (EffectReader reader = ActrNode.effectReader(nodeDirectory))
        {
            while (reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
            {
                final String text = buffer.getStringWithoutLengthAscii(offset, length);
                final long seq = Long.parseLong(text.replaceAll("[+!]$", ""));
                final Long earlier = recordOfSequence.putIfAbsent(seq, index);
                if (earlier != null && earlier != index)
                {
                    fail("request " + seq + " took effect twice (records " + earlier + " and " + index + "), " +
                        context);
                }
                bySequence.computeIfAbsent(seq, s -> new ArrayList<>()).add(text);
            }, 1024) > 0)
            {
                continue;
            }
            assertThat(reader.malformedRecords()).isZero();
        }
        return bySequence;
    }

    private void awaitExecutionsInRun(final ChildJvm child, final int run, final int target) throws IOException
    {
        final Path execLog = root.resolve(NodeCrashChild.EXEC_LOG);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.TIMEOUT_S);
        final String suffix = " " + run;
        while (true)
        {
            if (!child.process().isAlive())
            {
                fail("child exited by itself before its kill: " + child.diagnosis());
            }
            try (Stream<String> lines = Files.lines(execLog, StandardCharsets.US_ASCII))
            {
                if (lines.filter(line -> line.endsWith(suffix)).count() >= target)
                {
                    return;
                }
            }
            if (System.nanoTime() > deadlineNs)
            {
                fail("run " + run + " never executed " + target + " requests: " + child.diagnosis());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static Set<Long> readSequences(final Path log, final char tag) throws IOException
    {
        final Set<Long> sequences = new HashSet<>();
        for (final String line : Files.readAllLines(log, StandardCharsets.US_ASCII))
        {
            if (line.matches(tag + " \\d+"))
            {
                sequences.add(Long.parseLong(line.substring(2)));
            }
        }
        return sequences;
    }

    /**
     * @return [requests executed in a later run than the one that sent them, requests executed in two runs].
     */
    private static int[] countReexecutions(final Path log) throws IOException
    {
        final Map<Long, Integer> runsOf = new HashMap<>();
        int later = 0;
        for (final String line : Files.readAllLines(log, StandardCharsets.US_ASCII))
        {
            if (line.matches("X \\d+ \\d+"))
            {
                final String[] fields = line.split(" ");
                final long seq = Long.parseLong(fields[1]);
                later += seq / NodeCrashChild.RUN_STRIDE < Long.parseLong(fields[2]) ? 1 : 0;
                runsOf.merge(seq, 1, Integer::sum);
            }
        }
        return new int[] {later, (int)runsOf.values().stream().filter(runs -> runs > 1).count()};
    }

    private ChildJvm start(final String mode, final int run, final long seed) throws IOException
    {
        final ChildJvm child = ChildJvm.start(root, run, NodeCrashChild.READY, NodeCrashChild.class, List.of(
            mode, root.resolve("node").toString(), root.toString(), Integer.toString(run), Long.toString(seed),
            FsyncPolicy.values()[new Random(seed).nextInt(FsyncPolicy.values().length)].name()));
        children.add(child);
        return child;
    }
}
