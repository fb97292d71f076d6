package dev.actr.journal.mailbox;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChronicleMailboxTest
{
    @TempDir
    Path dir;

    private final List<ChronicleMailbox> open = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    private ChronicleMailbox open(final ChronicleMailboxContext ctx)
    {
        return open(ctx, dir);
    }

    private ChronicleMailbox open(final ChronicleMailboxContext ctx, final Path directory)
    {
        final ChronicleMailbox mailbox = ChronicleMailbox.open(ctx.directory(directory).blockSize(256 * 1024));
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
    void shouldRefuseAMessageLargerThanAQuarterOfTheBlockAndStoreNothing()
    {
        final ChronicleMailbox mailbox = open();
        final int max = new ChronicleMailboxContext().blockSize(256 * 1024).maxMessageLength();

        assertThat(max).isEqualTo(64 * 1024);
        assertThat(mailbox.enqueue(MessagePriority.NORMAL, new UnsafeBuffer(new byte[max + 1]), 0, max + 1))
            .isEqualTo(Mailbox.TOO_LARGE);
        assertThat(mailbox.queued(MessagePriority.NORMAL)).isZero();
        assertThat(mailbox.enqueue(MessagePriority.NORMAL, new UnsafeBuffer(new byte[max]), 0, max)).isNotNegative();
        assertThat(mailbox.queued(MessagePriority.NORMAL)).isEqualTo(1);
        assertThat(ChronicleMailboxContext.blockSizeFor(16 * 1024 * 1024 + 1024))
            .as("fits a 16 MiB frame and its header").isGreaterThanOrEqualTo(4L * (16 * 1024 * 1024 + 1024));
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

    @Test
    void shouldRecoverEveryAckAndEveryUnackedMessageWhenACheckpointIsTornAtAnyRecord()
    {
        for (final boolean completeCheckpointBefore : new boolean[] {false, true})
        {
            int tornAfter = 0;
            boolean torn = true;
            while (torn)
            {
                final String context = "checkpoint torn after " + tornAfter + " records, complete checkpoint before: " +
                    completeCheckpointBefore;
                final Path directory = dir.resolve("torn-" + completeCheckpointBefore + "-" + tornAfter);
                torn = stateWithCheckpointTornAfter(directory, tornAfter, completeCheckpointBefore);

                final ChronicleMailbox restarted = open(tornCheckpointContext(), directory);
                assertThat(restarted.queued(MessagePriority.HIGH)).as(context).isEqualTo(2);
                assertThat(restarted.queued(MessagePriority.NORMAL)).as(context).isEqualTo(4);
                texts.clear();
                poll(restarted, MessagePriority.HIGH, 100);
                poll(restarted, MessagePriority.NORMAL, 100);
                assertThat(texts).as("acked never again, unacked all, in order; " + context)
                    .containsExactly("h0", "h1", "m2", "m7", "m8", "m9");
                assertThat(restarted.deadLetters()).as(context).isEmpty();
                restarted.close();
                open.remove(restarted);
                tornAfter++;
            }
            assertThat(tornAfter).as("records a checkpoint of this state writes, plus the complete one")
                .isGreaterThan(10);
        }
    }

    private static ChronicleMailboxContext tornCheckpointContext()
    {
        // Checkpoints only when the test calls one; deliveries counted, far from dead-lettering.
        return new ChronicleMailboxContext().checkpointInterval(10_000).maxDeliveries(10);
    }

    /**
     * Leave in {@code directory} a mailbox whose last checkpoint was cut short after {@code records} journal records,
     * with something of each kind for the checkpoint to re-journal: acks ahead of the watermark, acks recovered and
     * not reached yet, delivery counts and a POLLED mark, on both priorities (HIGH with no watermark at all).
     *
     * @param completeCheckpointBefore whether a complete checkpoint (carrying an ack ahead of its watermark) comes
     *                                 before the torn one, or none at all.
     * @return false when the checkpoint had fewer records than that and completed.
     */
    private boolean stateWithCheckpointTornAfter(
        final Path directory, final int records, final boolean completeCheckpointBefore)
    {
        final Map<String, Long> idOf = new HashMap<>();
        final ChronicleMailbox first = open(tornCheckpointContext(), directory);
        for (int i = 0; i < 3; i++)
        {
            enqueue(first, MessagePriority.HIGH, "h" + i);
        }
        for (int i = 0; i < 10; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        ids.clear();
        texts.clear();
        poll(first, MessagePriority.HIGH, 3);
        poll(first, MessagePriority.NORMAL, 10);
        for (int i = 0; i < ids.size(); i++)
        {
            idOf.put(texts.get(i), ids.get(i));
        }
        for (final String text : List.of("m0", "m1", "m3"))
        {
            first.ack(idOf.get(text));
        }
        if (completeCheckpointBefore)
        {
            first.checkpoint(); // m3 is ahead of the watermark m1: its ACK is journalled again after the CHECKPOINT
        }
        for (final String text : List.of("h2", "m4", "m6"))
        {
            first.ack(idOf.get(text));
        }
        crash(first);

        final ChronicleMailbox second = open(tornCheckpointContext(), directory);
        ids.clear();
        texts.clear();
        poll(second, MessagePriority.NORMAL, 2);
        assertThat(texts).as("m3 and m4 were acked in the first run").containsExactly("m2", "m5");
        second.ack(ids.get(1)); // m5 acked ahead of m2; m6 acked and not reached yet; h2 likewise, above none
        second.crashJournalAfter(records);
        try
        {
            second.checkpoint();
            return false;
        }
        catch (final IllegalStateException ex)
        {
            assertThat(ex).hasMessageContaining("simulated crash");
            return true;
        }
        finally
        {
            crash(second);
        }
    }

    @Test
    void shouldFailEveryJournalWriteAfterTheSimulatedCrash()
    {
        final ChronicleMailbox mailbox = open();
        enqueue(mailbox, MessagePriority.NORMAL, "a");
        poll(mailbox, MessagePriority.NORMAL, 1);
        mailbox.crashJournalAfter(0);

        assertThatThrownBy(() -> mailbox.ack(ids.get(0))).hasMessageContaining("simulated crash");
        crash(mailbox);
    }

    @Test
    void shouldReadOnlyTheUnackedTailOfTheQueuesOnRestartAfterCheckpoints()
    {
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext().checkpointInterval(100);
        final ChronicleMailbox restarted = restartAfterAckingAllButTheLastTen(ctx);

        assertThat(restarted.recoveryExcerptsRead()).as("seek to the lowest unacked message per priority")
            .isLessThanOrEqualTo(20 + 2);
        assertTailRedelivered(restarted);
    }

    @Test
    void shouldReadOnlyTheUnackedTailOfTheQueuesOnRestartWithoutAnyCheckpoint()
    {
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext().checkpointInterval(10_000);
        final ChronicleMailbox restarted = restartAfterAckingAllButTheLastTen(ctx);

        assertThat(restarted.recoveryExcerptsRead()).as("acks from the first message on skip to the first unacked")
            .isLessThanOrEqualTo(20 + 2);
        assertTailRedelivered(restarted);
    }

    @Test
    void shouldReadOnlyTheUnackedTailOfTheQueuesOnRestartAfterCleanClose()
    {
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext().checkpointInterval(100);
        final ChronicleMailbox first = fillAndAckAllButTheLastTen(ctx);
        first.close();
        open.remove(first);

        final ChronicleMailbox restarted = open(ctx);
        assertThat(restarted.recoveryExcerptsRead()).isLessThanOrEqualTo(20 + 2);
        assertTailRedelivered(restarted);
    }

    @Test
    void shouldStillRedeliverInOrderWhenAnEarlyMessageHoldsTheWatermarkBack()
    {
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext().checkpointInterval(100);
        final ChronicleMailbox first = open(ctx);
        for (int i = 0; i < 500; i++)
        {
            enqueue(first, MessagePriority.NORMAL, "m" + i);
        }
        poll(first, MessagePriority.NORMAL, 500);
        for (int i = 0; i < 495; i++)
        {
            if (i != 7)
            {
                first.ack(ids.get(i));
            }
        }
        crash(first);

        final ChronicleMailbox second = open(ctx);
        texts.clear();
        poll(second, MessagePriority.NORMAL, 1000);
        assertThat(texts).containsExactly("m7", "m495", "m496", "m497", "m498", "m499");
    }

    private ChronicleMailbox fillAndAckAllButTheLastTen(final ChronicleMailboxContext ctx)
    {
        final ChronicleMailbox first = open(ctx);
        for (int i = 0; i < 1000; i++)
        {
            enqueue(first, MessagePriority.HIGH, "h" + i);
            enqueue(first, MessagePriority.NORMAL, "n" + i);
        }
        poll(first, MessagePriority.HIGH, 1000);
        poll(first, MessagePriority.NORMAL, 1000);
        for (int i = 0; i < 990; i++)
        {
            first.ack(ids.get(i));
            first.ack(ids.get(1000 + i));
        }
        return first;
    }

    private ChronicleMailbox restartAfterAckingAllButTheLastTen(final ChronicleMailboxContext ctx)
    {
        crash(fillAndAckAllButTheLastTen(ctx));
        return open(ctx);
    }

    private void assertTailRedelivered(final ChronicleMailbox restarted)
    {
        assertThat(restarted.queued(MessagePriority.HIGH)).isEqualTo(10);
        assertThat(restarted.queued(MessagePriority.NORMAL)).isEqualTo(10);
        texts.clear();
        poll(restarted, MessagePriority.HIGH, 100);
        poll(restarted, MessagePriority.NORMAL, 100);
        final List<String> expected = new ArrayList<>();
        for (int i = 990; i < 1000; i++)
        {
            expected.add("h" + i);
        }
        for (int i = 990; i < 1000; i++)
        {
            expected.add("n" + i);
        }
        assertThat(texts).containsExactlyElementsOf(expected);
    }
}
