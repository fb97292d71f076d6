package dev.actr.engine;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Int64Value;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalReader;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineThreadsTest
{
    private static final int CALLS = 200;

    @TempDir
    Path dir;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory recordingFactory = runnable ->
    {
        final Thread thread = new Thread(runnable);
        threads.add(thread);
        return thread;
    };

    /** Tails the ingress journal from the engine thread; answers whether a request was journalled already. */
    private final class IngressWitness
    {
        private final LongHashSet journalled = new LongHashSet();
        private JournalReader reader;

        boolean sawRequest(final long correlationId)
        {
            if (reader == null)
            {
                reader = JournalReader.open(dir.resolve("journal"), JournalKind.INGRESS);
            }
            while (!journalled.contains(correlationId) && reader.next())
            {
                journalled.add(reader.record().correlationId());
            }
            return journalled.contains(correlationId);
        }

        void close()
        {
            if (reader != null)
            {
                reader.close();
            }
        }
    }

    @Test
    void shouldJournalEveryFrameOnItsOwnThreadBeforeTheEngineActsOnIt() throws Exception
    {
        final IngressWitness witness = new IngressWitness();
        final NodeContext ctx = new NodeContext().threadingMode(ThreadingMode.DEDICATED)
            .threadFactory(recordingFactory).directory(dir).journalEnabled(true)
            .actor(Ids.A, routes -> routes.handle("t.Journalled", Int64Value.parser(), (c, request) ->
                BoolValue.of(witness.sawRequest(Long.parseLong(c.requestId())))));
        try (ActrNode node = ActrNode.launch(ctx))
        {
            assertThat(threads).extracting(Thread::getName)
                .containsExactlyInAnyOrder("actr-journaller", "actr-engine");
            final CompletableFuture<?>[] replies = new CompletableFuture<?>[CALLS];
            for (int i = 0; i < CALLS; i++)
            {
                replies[i] = node.host().call(Dest.workload(Ids.A), "t.Journalled", Int64Value.of(i),
                    BoolValue.parser(), 30_000);
            }
            for (final CompletableFuture<?> reply : replies)
            {
                assertThat(((BoolValue)reply.get(30, TimeUnit.SECONDS)).getValue())
                    .as("the request was in the ingress journal when its handler ran").isTrue();
            }
        }
        finally
        {
            witness.close();
        }
        assertThat(threads).noneMatch(Thread::isAlive);
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldReplayARunOnEngineThreadsIdentically(final ThreadingMode mode) throws Exception
    {
        final NodeContext ctx = new NodeContext().threadingMode(mode).directory(dir)
            .journalEnabled(true).actor(Ids.A, ReplayActors.counter());
        try (ActrNode node = ActrNode.launch(ctx))
        {
            for (int i = 1; i <= CALLS; i++)
            {
                node.host().call(Dest.workload(Ids.A), "t.Add", Int64Value.of(i), Int64Value.parser(), 30_000)
                    .get(30, TimeUnit.SECONDS);
            }
        }
        final ReplayReport report =
            Replayer.replay(dir.resolve("journal"), new NodeContext().actor(Ids.A, ReplayActors.counter()));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(report.inputs()).as("START and the calls").isEqualTo(CALLS + 1);
    }

    @Test
    void shouldRunAsSharedWithoutAReplayJournal()
    {
        final NodeContext ctx = new NodeContext().threadingMode(ThreadingMode.DEDICATED)
            .threadFactory(recordingFactory).actor(Ids.A, ReplayActors.counter());
        try (ActrNode node = ActrNode.launch(ctx))
        {
            assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Add", Int64Value.of(2),
                Int64Value.parser(), 10_000).getValue()).isEqualTo(2);
            assertThat(threads).extracting(Thread::getName).containsExactly("actr-engine");
        }
    }

    @Test
    void shouldReplayTheLastRunOfADirectoryUsedByTwoRuns() throws Exception
    {
        for (int run = 0; run < 2; run++)
        {
            final NodeContext ctx = new NodeContext().threadingMode(ThreadingMode.SHARED).directory(dir)
                .journalEnabled(true).actor(Ids.A, ReplayActors.counter());
            try (ActrNode node = ActrNode.launch(ctx))
            {
                for (int i = 1; i <= 10 + run; i++)
                {
                    node.host().call(Dest.workload(Ids.A), "t.Add", Int64Value.of(i), Int64Value.parser(), 30_000)
                        .get(30, TimeUnit.SECONDS);
                }
            }
        }
        final ReplayReport report =
            Replayer.replay(dir.resolve("journal"), new NodeContext().actor(Ids.A, ReplayActors.counter()));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(report.inputs()).as("the second run's START and its 11 calls").isEqualTo(12);
    }
}
