package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import com.sun.management.ThreadMXBean;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

import static dev.actr.journal.replay.JournalFixtures.T0;
import static dev.actr.journal.replay.JournalFixtures.chunk;
import static dev.actr.journal.replay.JournalFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayJournalAllocationTest
{
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 10_000;
    private static final int APPENDS_PER_ROUND = 4;

    @TempDir
    Path directory;

    @Test
    void shouldNotAllocateWhenAppendingInSteadyState()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final SetTimeProvider clock = JournalFixtures.clockAt(Instant.parse("2026-11-23T12:00:00Z").toEpochMilli());
        final UnsafeBuffer envelope = new UnsafeBuffer(request("acme.Book.Place", 42, 500, 64));
        final UnsafeBuffer streamChunk = new UnsafeBuffer(chunk("s-1", 1, 64));
        // Default block size: one 64 MiB mapping (sparse) holds every record, so no new chunk is mapped mid-test.
        final ReplayJournalContext ctx = JournalFixtures.context(directory, clock)
            .blockSize(ReplayJournalContext.BLOCK_SIZE_DEFAULT);

        try (ReplayJournal journal = ReplayJournal.open(ctx))
        {
            appendRounds(journal, envelope, streamChunk, 0, WARM_UP_ROUNDS);

            final long before = threads.getThreadAllocatedBytes(threadId);
            appendRounds(journal, envelope, streamChunk, WARM_UP_ROUNDS, MEASURED_ROUNDS);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            // Chronicle itself allocates a few hundred bytes now and then (a new index block, a new mapping), so
            // the bound is less than one byte per append: any allocation per append (16 bytes or more) fails it.
            assertThat(allocated).as("bytes allocated by %d appends", APPENDS_PER_ROUND * MEASURED_ROUNDS)
                .isLessThan(APPENDS_PER_ROUND * MEASURED_ROUNDS);
            assertThat(journal.nextDispatchSequence()).isEqualTo(2L * (WARM_UP_ROUNDS + MEASURED_ROUNDS));
        }
    }

    private static void appendRounds(
        final ReplayJournal journal,
        final UnsafeBuffer envelope,
        final UnsafeBuffer streamChunk,
        final int first,
        final int rounds)
    {
        for (int i = first; i < first + rounds; i++)
        {
            journal.appendIngress(T0 + i, FrameKind.ENVELOPE, 0, 1, 0, i, envelope, 0, envelope.capacity());
            final long sequence = journal.appendDispatch(
                T0 + i, DispatchInput.MESSAGE, 1, 0, i, envelope, 0, envelope.capacity());
            journal.appendDispatch(T0 + i, DispatchInput.TIMEOUT, 1, 2, i, null, 0, 0);
            journal.appendOutbound(sequence, T0 + i, FrameKind.CHUNK, 1, 2, 2, streamChunk, 0, streamChunk.capacity());
        }
    }
}
