package dev.actr.journal.mailbox;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChronicleMailboxTest
{
    @TempDir
    Path dir;

    private final List<ChronicleMailbox> open = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    private ChronicleMailbox open(final ChronicleMailboxContext ctx)
    {
        final ChronicleMailbox mailbox = ChronicleMailbox.open(ctx.directory(dir).blockSize(256 * 1024));
        open.add(mailbox);
        return mailbox;
    }

    private ChronicleMailbox open()
    {
        return open(new ChronicleMailboxContext());
    }

    @AfterEach
    void closeAll()
    {
        open.forEach(ChronicleMailbox::close);
    }

    private static long enqueue(final Mailbox mailbox, final MessagePriority priority, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return mailbox.enqueue(priority, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private int poll(final Mailbox mailbox, final MessagePriority priority, final int limit)
    {
        return mailbox.poll(priority, (id, buffer, offset, length) ->
        {
            ids.add(id);
            texts.add(buffer.getStringWithoutLengthUtf8(offset, length));
        }, limit);
    }

    private void crash(final ChronicleMailbox mailbox)
    {
        open.remove(mailbox);
        mailbox.closeWithoutCheckpoint();
    }

    @Test
    void shouldHandOutEachPriorityInOrder()
    {
        final ChronicleMailbox mailbox = open();
        enqueue(mailbox, MessagePriority.NORMAL, "n0");
        enqueue(mailbox, MessagePriority.HIGH, "h0");
        enqueue(mailbox, MessagePriority.NORMAL, "n1");

        assertThat(mailbox.queued(MessagePriority.HIGH)).isEqualTo(1);
        assertThat(mailbox.queued(MessagePriority.NORMAL)).isEqualTo(2);
        poll(mailbox, MessagePriority.HIGH, 10);
        poll(mailbox, MessagePriority.NORMAL, 10);

        assertThat(texts).containsExactly("h0", "n0", "n1");
        assertThat(mailbox.inFlight(MessagePriority.NORMAL)).isEqualTo(2);
        assertThat(mailbox.queued(MessagePriority.NORMAL)).isZero();
    }

    @Test
    void shouldRedeliverOnlyUnackedMessagesInOrderAfterRestart()
    {
        final ChronicleMailbox first = open();
        for (int i = 0; i < 5; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        poll(first, MessagePriority.NORMAL, 5);
        first.ack(ids.get(4));
        first.ack(ids.get(1));
        first.ack(ids.get(3));
        crash(first);

        final ChronicleMailbox second = open();
        texts.clear();
        assertThat(second.queued(MessagePriority.NORMAL)).isEqualTo(2);
        poll(second, MessagePriority.NORMAL, 10);

        assertThat(texts).containsExactly("m0", "m2");
    }

    @Test
    void shouldRedeliverEverythingUnackedAfterCleanRestartHighFirstListed()
    {
        final ChronicleMailbox first = open();
        enqueue(first, MessagePriority.NORMAL, "n");
        enqueue(first, MessagePriority.HIGH, "h");
        first.close();
        open.remove(first);

        final ChronicleMailbox second = open();
        poll(second, MessagePriority.HIGH, 10);
        poll(second, MessagePriority.NORMAL, 10);

        assertThat(texts).containsExactly("h", "n");
    }

    @Test
    void shouldNotRedeliverAckedMessagesAcrossCheckpoints()
    {
        final ChronicleMailbox first = open(new ChronicleMailboxContext().checkpointInterval(3));
        for (int i = 0; i < 10; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        poll(first, MessagePriority.NORMAL, 10);
        for (int i = 0; i < 9; i++)
        {
            first.ack(ids.get(i));
        }
        crash(first);

        final ChronicleMailbox second = open(new ChronicleMailboxContext().checkpointInterval(3));
        texts.clear();
        poll(second, MessagePriority.NORMAL, 10);

        assertThat(texts).containsExactly("m9");
    }

    @Test
    void shouldNotRedeliverMessagesAckedOutOfOrderBeforeACheckpoint()
    {
        final ChronicleMailbox first = open(new ChronicleMailboxContext().checkpointInterval(2));
        for (int i = 0; i < 3; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        poll(first, MessagePriority.NORMAL, 3);
        first.ack(ids.get(1));
        first.ack(ids.get(2)); // second ack: a checkpoint, with m0 still in flight
        crash(first);

        final ChronicleMailbox second = open(new ChronicleMailboxContext().checkpointInterval(2));
        texts.clear();
        poll(second, MessagePriority.NORMAL, 10);

        assertThat(texts).containsExactly("m0");
    }

    @Test
    void shouldNotRedeliverMessagesAckedOutOfOrderAfterCleanClose()
    {
        final ChronicleMailbox first = open();
        for (int i = 0; i < 3; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        poll(first, MessagePriority.NORMAL, 3);
        first.ack(ids.get(2));
        first.close();
        open.remove(first);

        final ChronicleMailbox second = open();
        texts.clear();
        ids.clear();
        poll(second, MessagePriority.NORMAL, 10);
        assertThat(texts).containsExactly("m0", "m1");
        second.ack(ids.get(1));
        second.close();
        open.remove(second);

        final ChronicleMailbox third = open();
        texts.clear();
        poll(third, MessagePriority.NORMAL, 10);
        assertThat(texts).as("acked before a restart, still in flight when closed again").containsExactly("m0");
    }

    @Test
    void shouldAnswerFullAtCapacityAndStoreNothing()
    {
        final ChronicleMailbox mailbox = open(new ChronicleMailboxContext().capacityPerPriority(2));
        enqueue(mailbox, MessagePriority.NORMAL, "a");
        enqueue(mailbox, MessagePriority.NORMAL, "b");

        assertThat(enqueue(mailbox, MessagePriority.NORMAL, "c")).isEqualTo(Mailbox.FULL);
        poll(mailbox, MessagePriority.NORMAL, 1);
        assertThat(enqueue(mailbox, MessagePriority.NORMAL, "c")).as("in flight still counts").isEqualTo(Mailbox.FULL);
        mailbox.ack(ids.get(0));
        assertThat(enqueue(mailbox, MessagePriority.NORMAL, "c")).isNotEqualTo(Mailbox.FULL);
        poll(mailbox, MessagePriority.NORMAL, 10);
        assertThat(texts).containsExactly("a", "b", "c");
    }

    @Test
    void shouldCountDeliveriesAcrossRestartsAndDeadLetterAtMaximum()
    {
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext().maxDeliveries(2);
        final ChronicleMailbox first = open(ctx);
        enqueue(first, MessagePriority.HIGH, "poison");
        enqueue(first, MessagePriority.HIGH, "innocent");
        poll(first, MessagePriority.HIGH, 1);
        crash(first);

        final ChronicleMailbox second = open(new ChronicleMailboxContext().maxDeliveries(2));
        assertThat(second.queued(MessagePriority.HIGH)).as("one delivery counted, under the maximum").isEqualTo(2);
        assertThat(second.deadLetters()).isEmpty();
        poll(second, MessagePriority.HIGH, 1);
        crash(second);

        final ChronicleMailbox third = open(new ChronicleMailboxContext().maxDeliveries(2));
        texts.clear();
        assertThat(third.queued(MessagePriority.HIGH)).isEqualTo(1);
        poll(third, MessagePriority.HIGH, 10);
        assertThat(texts).as("the never-delivered message is not blamed").containsExactly("innocent");
        final List<DeadLetter> letters = third.deadLetters();
        assertThat(letters).singleElement().satisfies(letter ->
        {
            assertThat(new String(letter.message(), StandardCharsets.UTF_8)).isEqualTo("poison");
            assertThat(letter.attempts()).isEqualTo(2);
            assertThat(letter.priority()).isEqualTo(MessagePriority.HIGH);
        });

        assertThat(third.redrive(letters.get(0).id())).isTrue();
        assertThat(third.deadLetters()).isEmpty();
        texts.clear();
        poll(third, MessagePriority.HIGH, 10);
        assertThat(texts).containsExactly("poison");
        assertThat(third.redrive(letters.get(0).id())).as("already re-driven").isFalse();
    }

    @Test
    void shouldReclaimCycleFilesOnceFullyAcked()
    {
        final SetTimeProvider time = new SetTimeProvider(TimeUnit.HOURS.toNanos(480_000));
        final ChronicleMailbox mailbox = open(new ChronicleMailboxContext().timeProvider(time).checkpointInterval(1));
        for (int hour = 0; hour < 3; hour++)
        {
            enqueue(mailbox, MessagePriority.NORMAL, "hour" + hour);
            time.advanceNanos(TimeUnit.HOURS.toNanos(1));
        }
        assertThat(mailbox.cycleFiles()[1]).isEqualTo(3);

        poll(mailbox, MessagePriority.NORMAL, 3);
        mailbox.ack(ids.get(0));
        assertThat(mailbox.cycleFiles()[1]).as("the oldest file holds the checkpoint: kept").isEqualTo(3);
        mailbox.ack(ids.get(1));
        assertThat(mailbox.cycleFiles()[1]).as("everything in the oldest file is acked").isEqualTo(2);
        mailbox.ack(ids.get(2));
        assertThat(mailbox.cycleFiles()[1]).isEqualTo(1);
    }

    @Test
    void shouldTellDepthObserverOnEveryEnqueue()
    {
        final ChronicleMailbox mailbox = open();
        final List<String> depths = new ArrayList<>();
        mailbox.depthObserver((priority, queued) -> depths.add(priority + "=" + queued));
        enqueue(mailbox, MessagePriority.HIGH, "a");
        enqueue(mailbox, MessagePriority.HIGH, "b");
        enqueue(mailbox, MessagePriority.NORMAL, "c");

        assertThat(depths).containsExactly("HIGH=1", "HIGH=2", "NORMAL=1");
    }

    @Test
    void shouldWorkUnderEveryFsyncPolicy()
    {
        for (final FsyncPolicy policy : FsyncPolicy.values())
        {
            final ChronicleMailbox mailbox = ChronicleMailbox.open(new ChronicleMailboxContext()
                .directory(dir.resolve(policy.name())).blockSize(256 * 1024).fsyncPolicy(policy));
            ids.clear();
            enqueue(mailbox, MessagePriority.NORMAL, "x");
            mailbox.sync();
            poll(mailbox, MessagePriority.NORMAL, 1);
            mailbox.ack(ids.get(0));
            mailbox.sync();
            assertThat(mailbox.inFlight(MessagePriority.NORMAL)).isZero();
            mailbox.close();
        }
    }
}
