package dev.actr.codec.fragment;

import com.sun.management.ThreadMXBean;
import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fragmenting and reassembling allocate nothing in steady state: large messages in full fragments, messages of many
 * small fragments, and fragments arriving out of order. Measured with the JVM's per-thread allocation counter, as
 * {@code ReplayJournalAllocationTest} does.
 */
class ReassemblerAllocationTest
{
    private static final int WARM_UP_ROUNDS = 3_000;
    private static final int MEASURED_ROUNDS = 1_000;
    private static final int LARGE_MESSAGE_LENGTH = 200 * 1024;
    private static final int SMALL_MESSAGE_LENGTH = 3_000;

    private final Reassembler reassembler =
        new Reassembler(new ReassemblyContext().nanoClock(new ManualNanoClock(0)));
    private final Fragmenter fullFragments = new Fragmenter();
    private final Fragmenter smallFragments = new Fragmenter(FragmentDescriptor.HEADER_LENGTH + 37, 1024 * 1024);
    private final UnsafeBuffer large = new UnsafeBuffer(Fragments.pattern(LARGE_MESSAGE_LENGTH, 1));
    private final UnsafeBuffer small = new UnsafeBuffer(Fragments.pattern(SMALL_MESSAGE_LENGTH, 2));
    private final UnsafeBuffer[] reversed = reversedFragments();
    private final MessageHandler onMessage = this::onMessage;
    private final FragmentHandler toReassembler = this::onFragment;
    private long delivered;

    @Test
    void shouldReassembleWithoutAllocatingInSteadyState()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        rounds(WARM_UP_ROUNDS);

        final long before = threads.getThreadAllocatedBytes(threadId);
        rounds(MEASURED_ROUNDS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // Less than one byte per round: any allocation per message (16 bytes or more) fails it.
        assertThat(allocated).as("bytes allocated by %d rounds", MEASURED_ROUNDS).isLessThan(MEASURED_ROUNDS);
        assertThat(delivered).isEqualTo(
            (long)(WARM_UP_ROUNDS + MEASURED_ROUNDS) * (LARGE_MESSAGE_LENGTH + 2 * SMALL_MESSAGE_LENGTH));
        assertThat(reassembler.bytesHeld()).isZero();
        assertThat(reassembler.fragmentsRejected()).isZero();
    }

    private void rounds(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            fullFragments.fragment(large, 0, LARGE_MESSAGE_LENGTH, toReassembler);
            smallFragments.fragment(small, 0, SMALL_MESSAGE_LENGTH, toReassembler);
            for (final UnsafeBuffer fragment : reversed)
            {
                onFragment(fragment, 0, fragment.capacity());
            }
        }
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length)
    {
        if (reassembler.onFragment(buffer, offset, length, onMessage) != CodecStatus.OK)
        {
            throw new AssertionError("fragment rejected");
        }
    }

    private void onMessage(final int msgId, final DirectBuffer buffer, final int offset, final int length)
    {
        delivered += length;
    }

    private static UnsafeBuffer[] reversedFragments()
    {
        final List<byte[]> fragments = Fragments.split(-7, Fragments.pattern(SMALL_MESSAGE_LENGTH, 3), 250);
        Collections.reverse(fragments);
        final UnsafeBuffer[] buffers = new UnsafeBuffer[fragments.size()];
        for (int i = 0; i < buffers.length; i++)
        {
            buffers[i] = new UnsafeBuffer(fragments.get(i));
        }
        return buffers;
    }
}
