package dev.actr.journal.mailbox;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryMailboxTest
{
    private final InMemoryMailbox mailbox = new InMemoryMailbox(3, 1 << 20);
    private final List<Long> ids = new ArrayList<>();
    private final List<Byte> firstBytes = new ArrayList<>();

    private long enqueue(final MessagePriority priority, final int marker)
    {
        return mailbox.enqueue(priority, new UnsafeBuffer(new byte[] {(byte)marker, 1, 2}), 0, 3);
    }

    private int poll(final MessagePriority priority, final int limit)
    {
        return mailbox.poll(priority, (id, buffer, offset, length) ->
        {
            ids.add(id);
            firstBytes.add(buffer.getByte(offset));
        }, limit);
    }

    @Test
    void shouldKeepPolledMessagesInFlightUntilAcked()
    {
        enqueue(MessagePriority.NORMAL, 1);
        enqueue(MessagePriority.NORMAL, 2);

        assertThat(poll(MessagePriority.NORMAL, 10)).isEqualTo(2);
        assertThat(firstBytes).containsExactly((byte)1, (byte)2);
        assertThat(mailbox.queued(MessagePriority.NORMAL)).isZero();
        assertThat(mailbox.inFlight(MessagePriority.NORMAL)).isEqualTo(2);

        mailbox.ack(ids.get(1));
        assertThat(mailbox.inFlight(MessagePriority.NORMAL)).as("out-of-order ack").isEqualTo(1);
        mailbox.ack(ids.get(0));
        assertThat(mailbox.inFlight(MessagePriority.NORMAL)).isZero();
    }

    @Test
    void shouldAnswerFullWhenCapacityIsReachedAndTakeMoreOnceAcked()
    {
        for (int i = 0; i < 3; i++)
        {
            assertThat(enqueue(MessagePriority.HIGH, i)).isNotEqualTo(Mailbox.FULL);
        }
        assertThat(enqueue(MessagePriority.HIGH, 9)).isEqualTo(Mailbox.FULL);
        assertThat(enqueue(MessagePriority.NORMAL, 9)).as("priorities are bounded apart").isNotEqualTo(Mailbox.FULL);

        poll(MessagePriority.HIGH, 1);
        assertThat(enqueue(MessagePriority.HIGH, 9)).as("in flight still counts").isEqualTo(Mailbox.FULL);
        mailbox.ack(ids.get(0));
        assertThat(enqueue(MessagePriority.HIGH, 9)).isNotEqualTo(Mailbox.FULL);
    }

    @Test
    void shouldBoundBytesQueued()
    {
        final InMemoryMailbox small = new InMemoryMailbox(100, 5);

        assertThat(small.enqueue(MessagePriority.NORMAL, new UnsafeBuffer(new byte[4]), 0, 4)).isNotNegative();
        assertThat(small.enqueue(MessagePriority.NORMAL, new UnsafeBuffer(new byte[4]), 0, 4)).isEqualTo(Mailbox.FULL);
    }

    @Test
    void shouldTellDepthObserverOnEveryEnqueue()
    {
        final List<Integer> depths = new ArrayList<>();
        mailbox.depthObserver((priority, queued) -> depths.add(queued));
        enqueue(MessagePriority.NORMAL, 1);
        enqueue(MessagePriority.NORMAL, 2);

        assertThat(depths).containsExactly(1, 2);
    }
}
