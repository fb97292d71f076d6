package dev.actr.journal.mailbox;

import dev.actr.journal.testing.ChildJvm;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.actr.journal.mailbox.MailboxCrashChild.BATCH_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a real process working a {@link ChronicleMailbox} with SIGKILL at random moments, restarts it on the same
 * files, and checks from the child's logs ({@link MailboxCrashChild}) that nothing enqueued was lost, nothing acked
 * was executed again, and only messages caught between their execution and their ack by a kill were executed
 * twice.
 *
 * <p>The files of a failed run (mailbox, logs, each child's stdout and stderr) are kept under
 * {@code target/mailbox-crash-test/} and named in the failure; a passing run deletes them.
 */
@Tag("slow")
class MailboxCrashTest
{
    private static final int KILLS = 12;
    private static final int MIN_KILL_DELAY_MS = 50;
    private static final int MAX_KILL_DELAY_MS = 400;
    /** Small enough for several checkpoints per run, with out-of-order acks pending at many of them. */
    private static final int CHECKPOINT_INTERVAL = 64;

    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private boolean passed;

    @BeforeEach
    void createDirectories(final TestInfo info) throws IOException
    {
        root = Files.createDirectories(Path.of("target", "mailbox-crash-test",
            info.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis()).toAbsolutePath());
        Files.createDirectories(root.resolve("mailbox"));
    }

    @AfterEach
    void stopChildrenAndDeleteFilesIfPassed() throws IOException, InterruptedException
    {
        ChildJvm.cleanUp(children, root, passed);
    }

    /**
     * Wait until the run has enqueued, executed and acked something, so that a kill lands mid-work whatever the
     * machine's load (a fixed delay after READY is not enough on a loaded machine).
     */
    private void awaitProgress(final int run) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Logs.read(root).progress(run).stream().allMatch(count -> count > 0))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("run " + run + " made no progress in 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldLoseNothingAndRedeliverNoAckedMessageWhenKilledAtRandomMoments() throws Exception
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        System.out.println("MailboxCrashTest seed " + seed + " (replay with -Dactr.test.seed=" + seed + ")");
        final Random random = new Random(seed);
        final long startNs = System.nanoTime();
        final Set<Integer> killedRuns = new HashSet<>();
        int tornLines = 0;
        int run = 0;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final ChildJvm child = start(MailboxCrashChild.Mode.WORK, ++run, random.nextLong(),
                ChronicleMailboxContext.MAX_DELIVERIES_DEFAULT);
            child.awaitReady();
            awaitProgress(run);
            final long delayMs = MIN_KILL_DELAY_MS + random.nextInt(MAX_KILL_DELAY_MS - MIN_KILL_DELAY_MS + 1);
            // A timed wait that is expected to time out: the child must still be working when the kill lands.
            if (child.process().waitFor(delayMs, TimeUnit.MILLISECONDS))
            {
                fail("child exited by itself before its kill: " + child.diagnosis());
            }
            child.kill();
            killedRuns.add(run);
            tornLines += Logs.endTornLines(root);
        }
        final ChildJvm drain = start(MailboxCrashChild.Mode.DRAIN, ++run, random.nextLong(),
            ChronicleMailboxContext.MAX_DELIVERIES_DEFAULT);
        drain.awaitReady();
        drain.awaitExit(0);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        final Logs logs = Logs.read(root);
        final String context = "seed " + seed + ", files in " + root;
        assertThat(logs.tornLines).as("log lines cut short by a kill").isEqualTo(tornLines);

        // (a) Nothing lost: every enqueue that returned was executed; nothing executed that was never enqueued.
        final List<Long> lost = new ArrayList<>();
        logs.enqueued.forEach((sequence, priority) ->
        {
            if (logs.executions(sequence) == 0)
            {
                lost.add(sequence);
            }
        });
        assertThat(lost).as("enqueued (E) but never executed (X); " + context).isEmpty();
        final List<String> phantoms = new ArrayList<>();
        for (final Execution execution : logs.executions)
        {
            if (execution.priority != logs.attempted.getOrDefault(execution.sequence, '?'))
            {
                phantoms.add(execution.toString());
            }
        }
        assertThat(phantoms).as("executed on a lane it was never enqueued on; " + context).isEmpty();

        // (b) No acked message redelivered: acked once, and executed in no run after the one that acked it. (A
        // message executed, killed before its ack, redelivered, executed and acked has two X lines and an A line:
        // that is a duplicate of (c), not a redelivery after an ack.)
        final List<String> redeliveredAfterAck = new ArrayList<>();
        logs.ackedInRun.forEach((sequence, runs) ->
        {
            final List<Execution> executions = logs.executionsBySequence.getOrDefault(sequence, List.of());
            if (runs.size() != 1 || executions.isEmpty() ||
                executions.get(executions.size() - 1).run != runs.get(0))
            {
                redeliveredAfterAck.add("A " + sequence + " in runs " + runs + ", " + executions);
            }
        });
        assertThat(redeliveredAfterAck).as("acked but acked again or executed in a later run; " + context).isEmpty();

        // (c) Duplicates only for messages executed and not acked when a kill landed: an earlier execution must be
        // in a killed run, among the last BATCH_MAX executions of its lane in that run (the last batch, whose acks
        // the kill interrupted).
        final List<String> unexplained = new ArrayList<>();
        int duplicates = 0;
        for (final Map.Entry<Long, List<Execution>> entry : logs.executionsBySequence.entrySet())
        {
            final List<Execution> all = entry.getValue();
            for (final Execution earlier : all.subList(0, all.size() - 1))
            {
                duplicates++;
                final List<Long> lane = logs.lane(earlier.run, earlier.priority);
                if (!killedRuns.contains(earlier.run) || lane.indexOf(earlier.sequence) < lane.size() - BATCH_MAX)
                {
                    unexplained.add(earlier + " of " + all);
                }
            }
        }
        assertThat(unexplained).as("executed again although not in flight at a kill; " + context).isEmpty();
        assertThat(duplicates).as("duplicates at most BATCH_MAX per lane per kill").isLessThanOrEqualTo(
            KILLS * BATCH_MAX * MessagePriority.values().length);

        // (d) Per lane, first executions in enqueue order, and within each run every execution in order (what was in
        // flight at the kill comes first, in order, then the rest).
        final List<String> outOfOrder = new ArrayList<>();
        final Map<Character, Long> lastFirst = new HashMap<>();
        final Set<Long> seen = new HashSet<>();
        for (final Execution execution : logs.executions)
        {
            if (seen.add(execution.sequence))
            {
                final long previous = lastFirst.getOrDefault(execution.priority, 0L);
                if (execution.sequence <= previous)
                {
                    outOfOrder.add("first execution " + execution + " after " + previous);
                }
                lastFirst.put(execution.priority, execution.sequence);
            }
        }
        logs.lanes.forEach((runAndLane, sequences) ->
        {
            for (int i = 1; i < sequences.size(); i++)
            {
                if (sequences.get(i) <= sequences.get(i - 1))
                {
                    outOfOrder.add(
                        "run/lane " + runAndLane + ": " + sequences.get(i) + " after " + sequences.get(i - 1));
                }
            }
        });
        assertThat(outOfOrder).as("executions out of enqueue order; " + context).isEmpty();

        // (e) Every killed run was killed mid-work: it had enqueued, executed and acked messages.
        assertThat(killedRuns).hasSizeGreaterThanOrEqualTo(10);
        for (final int killed : killedRuns)
        {
            assertThat(logs.progress(killed)).as("E, X and A lines logged by killed run " + killed + "; " + context)
                .allMatch(count -> count > 0);
        }

        // The drained mailbox, reopened here, is empty and dead-lettered nothing.
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(new ChronicleMailboxContext()
            .directory(root.resolve("mailbox")).blockSize(256 * 1024).checkpointInterval(CHECKPOINT_INTERVAL)))
        {
            for (final MessagePriority priority : MessagePriority.values())
            {
                assertThat(mailbox.queued(priority) + mailbox.inFlight(priority)).as(priority + " after drain")
                    .isZero();
            }
            assertThat(mailbox.deadLetters()).as("dead letters; " + context).isEmpty();
        }

        final long interruptedEnqueues = logs.attempted.keySet().stream()
            .filter(sequence -> !logs.enqueued.containsKey(sequence)).count();
        final long unloggedAcks = logs.executionsBySequence.keySet().stream()
            .filter(sequence -> !logs.ackedInRun.containsKey(sequence)).count();
        System.out.printf("MailboxCrashTest: %d runs (%d killed after %d-%d ms, 1 drain) in %d ms; %d messages " +
                "enqueued, %d executions, %d duplicate executions (of %d messages), %d enqueues and %d acks " +
                "caught by a kill before their log line, %d log lines torn by a kill; seed %d%n",
            run, killedRuns.size(), MIN_KILL_DELAY_MS, MAX_KILL_DELAY_MS, elapsedMs, logs.enqueued.size(),
            logs.executions.size(), duplicates, logs.executionsBySequence.values().stream()
                .filter(list -> list.size() > 1).count(), interruptedEnqueues, unloggedAcks, tornLines, seed);
        passed = true;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldDeadLetterMessageThatKillsTheProcessAndKeepTheOthersFlowing() throws Exception
    {
        final int maxDeliveries = 3;
        final List<Integer> exits = new ArrayList<>();
        int run = 0;
        while (exits.isEmpty() || exits.get(exits.size() - 1) != 0)
        {
            assertThat(run).as("runs so far, exits " + exits).isLessThanOrEqualTo(maxDeliveries + 1);
            final ChildJvm child = start(MailboxCrashChild.Mode.POISON, ++run, run, maxDeliveries);
            child.awaitReady();
            exits.add(child.awaitExit(-1));
        }
        assertThat(exits).as("one death per delivery of the poison message, then a clean drain").containsExactly(
            MailboxCrashChild.POISON_EXIT, MailboxCrashChild.POISON_EXIT, MailboxCrashChild.POISON_EXIT, 0);

        final Logs logs = Logs.read(root);
        final long poison = MailboxCrashChild.POISON_SEQUENCE;
        assertThat(logs.enqueued).hasSize(2 * MailboxCrashChild.POISON_MESSAGES_PER_LANE);
        assertThat(logs.executions(poison)).as("poison executions").isEqualTo(maxDeliveries);
        assertThat(logs.ackedInRun).doesNotContainKey(poison);
        logs.enqueued.forEach((sequence, priority) ->
        {
            if (sequence != poison)
            {
                assertThat(logs.executions(sequence)).as("executions of " + sequence).isEqualTo(1);
                assertThat(logs.ackedInRun.get(sequence)).as("acks of " + sequence).hasSize(1);
            }
        });

        try (ChronicleMailbox mailbox = ChronicleMailbox.open(new ChronicleMailboxContext()
            .directory(root.resolve("mailbox")).blockSize(256 * 1024).maxDeliveries(maxDeliveries)))
        {
            final List<DeadLetter> letters = mailbox.deadLetters();
            assertThat(letters).singleElement().satisfies(letter ->
            {
                assertThat(letter.priority()).isEqualTo(MessagePriority.HIGH);
                assertThat(letter.attempts()).isEqualTo(maxDeliveries);
                assertThat(new UnsafeBuffer(letter.message()).getLong(0)).isEqualTo(poison);
            });
            assertThat(mailbox.queued(MessagePriority.HIGH) + mailbox.queued(MessagePriority.NORMAL)).isZero();

            assertThat(mailbox.redrive(letters.get(0).id())).isTrue();
            final List<Long> redriven = new ArrayList<>();
            mailbox.poll(
                MessagePriority.HIGH, (id, buffer, offset, length) -> redriven.add(buffer.getLong(offset)), 10);
            assertThat(redriven).containsExactly(poison);
            assertThat(mailbox.deadLetters()).isEmpty();
        }
        passed = true;
    }

    private ChildJvm start(final MailboxCrashChild.Mode mode, final int run, final long seed,
        final int maxDeliveries) throws IOException
    {
        assertThat(ChildJvm.jvmFlags()).as("JVM flags from actr.jvm.flags (run through Maven)")
            .contains("-Dchronicle.analytics.disable=true");
        final ChildJvm child = ChildJvm.start(root, run, MailboxCrashChild.READY, MailboxCrashChild.class, List.of(
            mode.name(), root.resolve("mailbox").toString(), root.toString(), Integer.toString(run),
            Long.toString(seed), Integer.toString(maxDeliveries), Integer.toString(CHECKPOINT_INTERVAL)));
        children.add(child);
        return child;
    }

    /** One X line. */
    private static final class Execution
    {
        final int run;
        final long sequence;
        final char priority;

        Execution(final int run, final long sequence, final char priority)
        {
            this.run = run;
            this.sequence = sequence;
            this.priority = priority;
        }

        @Override
        public String toString()
        {
            return "X " + sequence + " " + priority + " in run " + run;
        }
    }

    /**
     * The three logs of all runs, parsed strictly: a malformed line fails the test unless it is the last line of a
     * run (a line torn by the kill, see {@link MailboxCrashChild}), which is ignored.
     */
    private static final class Logs
    {
        private static final String[] FILES =
            {MailboxCrashChild.ENQUEUE_LOG, MailboxCrashChild.EFFECT_LOG, MailboxCrashChild.ACK_LOG};

        final Map<Long, Character> attempted = new HashMap<>();
        final Map<Long, Character> enqueued = new TreeMap<>();
        final List<Execution> executions = new ArrayList<>();
        final Map<Long, List<Execution>> executionsBySequence = new TreeMap<>();
        /** Executions per run and lane, in order; key "run/lane". */
        final Map<String, List<Long>> lanes = new TreeMap<>();
        /** Runs whose A lines name the sequence. */
        final Map<Long, List<Integer>> ackedInRun = new TreeMap<>();
        final Map<Integer, int[]> progress = new HashMap<>();
        int tornLines;

        /**
         * End a line the kill cut short with a newline, so the next run starts on a line of its own.
         *
         * @return lines ended.
         */
        static int endTornLines(final Path dir) throws IOException
        {
            int torn = 0;
            for (final String name : FILES)
            {
                torn += ChildJvm.endTornLine(dir.resolve(name), "");
            }
            return torn;
        }

        static Logs read(final Path dir) throws IOException
        {
            final Logs logs = new Logs();
            for (final String name : FILES)
            {
                logs.parse(dir.resolve(name));
            }
            return logs;
        }

        private void parse(final Path log) throws IOException
        {
            int run = 0;
            final List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
            for (int i = 0; i < lines.size(); i++)
            {
                final String line = lines.get(i);
                final String[] fields = line.split(" ");
                if (fields.length == 2 && "R".equals(fields[0]))
                {
                    run = Integer.parseInt(fields[1]);
                    continue;
                }
                if (!(fields.length == 3 && fields[0].length() == 1 && fields[1].matches("[0-9]+") &&
                    (fields[2].equals("H") || fields[2].equals("N"))))
                {
                    assertThat(i + 1 < lines.size() && lines.get(i + 1).startsWith("R "))
                        .as("malformed line '" + line + "' of " + log + " is not the last of its run").isTrue();
                    tornLines++;
                    continue;
                }
                final long sequence = Long.parseLong(fields[1]);
                final char priority = fields[2].charAt(0);
                final int[] counts = progress.computeIfAbsent(run, r -> new int[3]);
                switch (fields[0].charAt(0))
                {
                    case 'P':
                        assertThat(attempted.put(sequence, priority)).as("sequence reused: " + line).isNull();
                        break;
                    case 'E':
                        assertThat(attempted.get(sequence)).as("E without P: " + line).isEqualTo(priority);
                        enqueued.put(sequence, priority);
                        counts[0]++;
                        break;
                    case 'X':
                        final Execution execution = new Execution(run, sequence, priority);
                        executions.add(execution);
                        executionsBySequence.computeIfAbsent(sequence, s -> new ArrayList<>()).add(execution);
                        lane(run, priority).add(sequence);
                        counts[1]++;
                        break;
                    case 'A':
                        ackedInRun.computeIfAbsent(sequence, s -> new ArrayList<>()).add(run);
                        counts[2]++;
                        break;
                    default:
                        fail("line '" + line + "' of " + log);
                }
            }
        }

        int executions(final long sequence)
        {
            final List<Execution> list = executionsBySequence.get(sequence);
            return list == null ? 0 : list.size();
        }

        List<Long> lane(final int run, final char priority)
        {
            return lanes.computeIfAbsent(run + "/" + priority, key -> new ArrayList<>());
        }

        List<Integer> progress(final int run)
        {
            final int[] counts = progress.getOrDefault(run, new int[3]);
            return List.of(counts[0], counts[1], counts[2]);
        }
    }
}
