package dev.actr.engine;

import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.mailbox.FsyncPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
class NodeCrashTest
{
    private static final int KILLS = 12;
    private static final int MIN_EXECUTIONS_BEFORE_KILL = 50;
    private static final int MAX_EXECUTIONS_BEFORE_KILL = 1500;
    private static final long START_TIMEOUT_S = 60;
    private static final int KILLED_EXIT = 137;

    private final List<Process> children = new ArrayList<>();
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
        for (final Process child : children)
        {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        if (!passed)
        {
            System.err.println("NodeCrashTest kept the node directory, logs and child output in " + root);
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.delete(path);
            }
        }
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
            final Child child = start("WORK", ++run, random.nextLong());
            child.awaitReady();
            final int target = MIN_EXECUTIONS_BEFORE_KILL +
                random.nextInt(MAX_EXECUTIONS_BEFORE_KILL - MIN_EXECUTIONS_BEFORE_KILL + 1);
            awaitExecutionsInRun(child, run, target);
            child.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no checkpoint
            child.awaitExit(KILLED_EXIT);
            tornLines += endTornLine(root.resolve(NodeCrashChild.ENQUEUE_LOG)) +
                endTornLine(root.resolve(NodeCrashChild.EXEC_LOG));
        }
        final Child drain = start("DRAIN", ++run, random.nextLong());
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

    private void awaitExecutionsInRun(final Child child, final int run, final int target) throws IOException
    {
        final Path execLog = root.resolve(NodeCrashChild.EXEC_LOG);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        final String suffix = " " + run;
        while (true)
        {
            if (!child.process.isAlive())
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

    /**
     * A kill can cut the last line of a log short (it then lacks its newline): mark it so that it is ignored.
     *
     * @return 1 when a torn line was ended.
     */
    private static int endTornLine(final Path log) throws IOException
    {
        if (!Files.exists(log) || Files.size(log) == 0)
        {
            return 0;
        }
        final byte[] bytes = Files.readAllBytes(log);
        if (bytes[bytes.length - 1] == '\n')
        {
            return 0;
        }
        Files.write(log, "~torn\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        return 1;
    }

    private Child start(final String mode, final int run, final long seed) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(childJvmFlags());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeCrashChild.class.getName());
        command.add(mode);
        command.add(root.resolve("node").toString());
        command.add(root.toString());
        command.add(Integer.toString(run));
        command.add(Long.toString(seed));
        command.add(FsyncPolicy.values()[new Random(seed).nextInt(FsyncPolicy.values().length)].name());
        final Path stderr = root.resolve("child-" + run + ".err");
        final Process process = new ProcessBuilder(command)
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        children.add(process);
        return new Child(run, process, stderr, root.resolve("child-" + run + ".out"));
    }

    /**
     * The JVM flags of the root pom's {@code actr.jvm.flags} that Surefire gave this JVM: without them Chronicle
     * cannot map its files.
     */
    private static List<String> childJvmFlags()
    {
        final List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final List<String> flags = new ArrayList<>();
        for (int i = 0; i < input.size(); i++)
        {
            final String arg = input.get(i);
            if (arg.startsWith("--add-exports") || arg.startsWith("--add-opens") ||
                arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access"))
            {
                flags.add(arg);
                if (!arg.contains("=") && i + 1 < input.size())
                {
                    flags.add(input.get(++i));
                }
            }
            else if (arg.startsWith("-Dchronicle."))
            {
                flags.add(arg);
            }
        }
        assertThat(flags).as("JVM flags from actr.jvm.flags (run through Maven): " + input)
            .anyMatch(flag -> flag.contains("java.base/sun.nio.ch"));
        return flags;
    }

    /** A running child and what it printed. */
    private static final class Child
    {
        final int run;
        final Process process;
        final Path stderr;
        final CompletableFuture<String> ready = new CompletableFuture<>();

        Child(final int run, final Process process, final Path stderr, final Path stdout)
        {
            this.run = run;
            this.process = process;
            this.stderr = stderr;
            final Thread reader = new Thread(() -> copyStdout(stdout), "node-crash-child-" + run + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void copyStdout(final Path stdout)
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                java.io.BufferedWriter out = Files.newBufferedWriter(stdout))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.startsWith(NodeCrashChild.READY))
                    {
                        ready.complete(line);
                    }
                }
            }
            catch (final IOException ex)
            {
                ready.completeExceptionally(ex);
            }
            ready.completeExceptionally(new IllegalStateException("stdout closed before " + NodeCrashChild.READY));
        }

        void awaitReady() throws InterruptedException
        {
            try
            {
                ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                process.destroyForcibly();
                fail("child not ready (" + ex + "): " + diagnosis());
            }
        }

        void awaitExit(final int expected) throws InterruptedException
        {
            if (!process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("child did not exit: " + diagnosis());
            }
            if (process.exitValue() != expected)
            {
                fail("child exit " + process.exitValue() + ", expected " + expected + ": " + diagnosis());
            }
        }

        String diagnosis()
        {
            try
            {
                final List<String> lines = Files.readAllLines(stderr);
                return "run " + run + ", stderr tail: " +
                    String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            }
            catch (final IOException ex)
            {
                return "run " + run + ", stderr unreadable: " + ex;
            }
        }
    }
}
