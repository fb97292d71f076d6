package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class ConcurrentHostCallsTest
{
    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 25_000;
    private static final int TOTAL = THREADS * CALLS_PER_THREAD;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerEveryCallFromFourHostThreadsExactlyOnce() throws Exception
    {
        final BitSet handled = new BitSet(TOTAL);
        final int[] duplicates = new int[1];
        final NodeContext ctx = new NodeContext()
            .threadingMode(ThreadingMode.SHARED)
            .actor(Ids.A, routes -> routes.handle("t.Square", Int64Value.parser(), (c, request) ->
            {
                final int id = (int)request.getValue();
                if (handled.get(id))
                {
                    duplicates[0]++;
                }
                handled.set(id);
                return Int64Value.of((long)id * id);
            }));
        final AtomicLongArray answers = new AtomicLongArray(TOTAL);
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ActrNode node = ActrNode.launch(ctx))
        {
            final List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++)
            {
                final int first = t * CALLS_PER_THREAD;
                final boolean blocking = t % 2 == 0;
                workers.add(pool.submit(() -> call(node, first, blocking, answers)));
            }
            for (final Future<?> worker : workers)
            {
                worker.get(110, TimeUnit.SECONDS);
            }
            for (int id = 0; id < TOTAL; id++)
            {
                assertThat(answers.get(id)).as("answer to call %d", id).isEqualTo((long)id * id + 1);
            }
            assertThat(node.counter(SystemCounter.REQUESTS)).isEqualTo(TOTAL);
            assertThat(node.counter(SystemCounter.RESPONSES)).isEqualTo(TOTAL);
            assertThat(node.counter(SystemCounter.RESPONSES_UNMATCHED)).isZero();
        }
        finally
        {
            pool.shutdownNow();
        }
        assertThat(handled.cardinality()).isEqualTo(TOTAL);
        assertThat(duplicates[0]).isZero();
    }

    private static void call(final ActrNode node, final int first, final boolean blocking, final AtomicLongArray answers)
    {
        final List<CompletableFuture<Int64Value>> window = new ArrayList<>();
        for (int id = first; id < first + CALLS_PER_THREAD; id++)
        {
            if (blocking)
            {
                record(answers, id, node.host().callBlocking(
                    Dest.workload(Ids.A), "t.Square", Int64Value.of(id), Int64Value.parser(), 30_000));
                continue;
            }
            window.add(node.host().call(Dest.workload(Ids.A), "t.Square", Int64Value.of(id), Int64Value.parser(),
                30_000));
            if (window.size() == 256 || id == first + CALLS_PER_THREAD - 1)
            {
                final int windowFirst = id - window.size() + 1;
                for (int i = 0; i < window.size(); i++)
                {
                    record(answers, windowFirst + i, window.get(i).join());
                }
                window.clear();
            }
        }
    }

    private static void record(final AtomicLongArray answers, final int id, final Int64Value answer)
    {
        final long previous = answers.getAndAdd(id, answer.getValue() + 1);
        assertThat(previous).as("call %d answered once", id).isZero();
    }
}
