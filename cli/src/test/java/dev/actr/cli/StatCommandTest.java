package dev.actr.cli;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.engine.ActrNode;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.testing.ChildJvm;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class StatCommandTest
{
    private static final String SAY = "acme.Echo.Say";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintTheLiveCountersOfARunningNode()
    {
        try (ActrNode node = ActrNode.launch(new EchoReplayActors().newContext()
            .threadingMode(ThreadingMode.INVOKER).directory(dir)))
        {
            for (int i = 0; i < 3; i++)
            {
                final CompletableFuture<Int64Value> reply = node.host().call(
                    Dest.workload(ActrIds.parse(EchoReplayActors.ECHO)), SAY, Int64Value.of(i), Int64Value.parser());
                while (!reply.isDone())
                {
                    node.invoke();
                }
            }
            final Histogram latency = node.latencyNs(SAY);

            assertThat(run("stat", "--once", dir.toString())).isEqualTo(ActrMain.EXIT_OK);
            final String text = text(out);
            assertThat(text).contains("node pid " + ProcessHandle.current().pid() + " running");
            assertThat(counter(text, SystemCounter.REQUESTS.label())).isEqualTo(3);
            assertThat(counter(text, SystemCounter.REPLIES_SENT.label())).isEqualTo(3);
            assertThat(counter(text, SystemCounter.UNKNOWN_ROUTES.label())).isZero();
            assertThat(counter(text, SystemCounter.FRAMES_IN.label())).isEqualTo(node.counter(SystemCounter.FRAMES_IN))
                .isPositive();
            assertThat(counter(text, "route acme.Echo.Say latency count")).isEqualTo(3);
            assertThat(counter(text, "route acme.Echo.Say latency p50 ns"))
                .isEqualTo(latency.getValueAtPercentile(50)).isPositive();
            assertThat(counter(text, "route acme.Echo.Say latency p99 ns")).isEqualTo(latency.getValueAtPercentile(99));
            assertThat(counter(text, "route acme.Echo.Say latency max ns")).isEqualTo(latency.getMaxValue());
            assertThat(counter(text, "route acme.Echo.Shout latency count")).isZero();
        }
    }

    @Test
    void shouldReportTheCountersOfAClosedNodeAsStale()
    {
        ActrNode.launch(new EchoReplayActors().newContext().threadingMode(ThreadingMode.INVOKER).directory(dir))
            .close();

        assertThat(run("stat", "--once", dir.toString())).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(text(err)).contains("counters.dat is stale: its node (pid " + ProcessHandle.current().pid() +
            ") closed at").hasLineCount(1);
        assertThat(text(out)).isEmpty();

        err.reset();
        assertThat(run("stat", "--once", "--allow-stale", dir.toString())).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out)).contains(" closed, started ").contains(SystemCounter.REQUESTS.label());
    }

    @Test
    @Timeout(120)
    void shouldReadANodeInAnotherProcessAndReportItStaleOnceKilled() throws Exception
    {
        final Path work = Files.createDirectories(dir.resolve("work"));
        final Path node = work.resolve("node");
        final List<ChildJvm> children = new ArrayList<>();
        boolean passed = false;
        try
        {
            final ChildJvm child = ChildJvm.start(work, 1, "ready", CountersNodeMain.class, List.of(node.toString(), "2"));
            children.add(child);
            child.awaitReady();

            assertThat(run("stat", "--once", node.toString())).as(text(err)).isEqualTo(ActrMain.EXIT_OK);
            assertThat(text(out)).contains("node pid " + child.process().pid() + " running");
            assertThat(counter(text(out), SystemCounter.REQUESTS.label())).isEqualTo(2);
            assertThat(counter(text(out), "route acme.Echo.Say latency count")).isEqualTo(2);

            child.kill();
            out.reset();
            assertThat(run("stat", "--once", node.toString())).isEqualTo(ActrMain.EXIT_FAILURE);
            assertThat(text(err)).contains("is stale: its node (pid " + child.process().pid() + ") is not running")
                .hasLineCount(1);
            passed = true;
        }
        finally
        {
            ChildJvm.cleanUp(children, work, passed);
        }
    }

    @Test
    @Timeout(30)
    void shouldRefreshUntilTheNodeClosesThenReportItStale() throws Exception
    {
        final ActrNode node = ActrNode.launch(new EchoReplayActors().newContext()
            .threadingMode(ThreadingMode.INVOKER).directory(dir));
        final CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(
            () -> run("stat", "--interval-ms", "20", dir.toString()));
        final long deadlineNs = System.nanoTime() + 20_000_000_000L;
        while (text(out).split("\\R--\\R", -1).length < 3 && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(watching).as("still watching").isNotDone();
        node.close();

        assertThat(watching.get()).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(text(out).split("\\R--\\R", -1).length).as("refreshed").isGreaterThanOrEqualTo(3);
        assertThat(text(err)).contains("is stale: its node (pid " + ProcessHandle.current().pid() + ") closed at")
            .hasLineCount(1);
    }

    @Test
    void shouldNameAMissingCountersFile()
    {
        assertThat(run("stat", "--once", dir.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("no counters file " + dir.resolve("counters.dat")).hasLineCount(1);
    }

    @Test
    void shouldNameAMissingDirectory()
    {
        assertThat(run("stat", dir.resolve("nope").toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("actr stat: no such directory: " + dir.resolve("nope") +
            System.lineSeparator());
    }

    @Test
    void shouldRefuseAFileThatIsNoCountersFile() throws Exception
    {
        Files.writeString(dir.resolve("counters.dat"), "not counters");

        assertThat(run("stat", "--once", dir.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("is not an actr counters file").hasLineCount(1);
    }

    private static long counter(final String text, final String label)
    {
        for (final String line : text.split("\\R"))
        {
            final int dash = line.indexOf(" - ");
            if (dash > 0 && line.substring(dash + 3).equals(label))
            {
                return Long.parseLong(line.substring(line.indexOf(':') + 1, dash).strip());
            }
        }
        throw new AssertionError("no counter '" + label + "' in:\n" + text);
    }

    private int run(final String... args)
    {
        return ActrMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
