package dev.actr.journal.mailbox;

import dev.actr.journal.testing.ChildJvm;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link MailboxCrashTest} kills: it opens a {@link ChronicleMailbox} and works it, logging every step
 * to three append-only files so the parent can tell afterwards what happened.
 *
 * <pre>
 *   enqueue.log   R run | P n prio (about to enqueue n) | E n prio (enqueue of n returned)
 *   effect.log    R run | X n prio (n executed: the side effect a redelivery would repeat)
 *   ack.log       R run | A n prio (ack of n returned)
 * </pre>
 *
 * Sequence numbers n increase across runs: a run starts after the highest n any earlier run was about to enqueue
 * (the P line comes before the enqueue, so a kill between enqueue and its E line never leads to a reused number).
 *
 * <p>The logs are plain {@link FileOutputStream} appends, one {@code write} per line and never fsynced: SIGKILL
 * ends the process, not the machine, so whatever reached the page cache stays, exactly like the mailbox's own
 * memory-mapped files under {@link FsyncPolicy#NONE}. A line can still be torn: Linux copies a write(2) page by
 * page and stops between two pages when a fatal signal is pending, so a line that straddles a page boundary may
 * be cut short by the kill. The parent ends such a line after the kill and ignores it.
 *
 * <p>Modes: {@code WORK} enqueues and processes forever (until killed); {@code DRAIN} only processes until the
 * mailbox is empty, closes it and exits 0; {@code POISON} enqueues a fixed set once (one of them poison), then
 * drains one message at a time and dies by {@link Runtime#halt} (no close, no checkpoint) whenever it executes
 * the poison message, before acking it.
 *
 * <p>Arguments: {@code mode mailboxDir logDir run seed maxDeliveries checkpointInterval}.
 */
final class MailboxCrashChild
{
    static final String READY = "READY";
    static final String DRAINED = "DRAINED";
    static final String ENQUEUE_LOG = "enqueue.log";
    static final String EFFECT_LOG = "effect.log";
    static final String ACK_LOG = "ack.log";
    /** Most messages polled from one lane at a time: the most a kill can leave executed but not acked, per lane. */
    static final int BATCH_MAX = 3;
    /** Shortest time per work step (about 3 enqueues): 10,000 steps a second at most. */
    static final long STEP_NS = 100_000;
    static final int MESSAGE_LENGTH = 64;
    static final int POISON_EXIT = 42;
    /** POISON mode: messages per lane, and the one (on HIGH) that kills the process whenever it is executed. */
    static final int POISON_MESSAGES_PER_LANE = 8;
    static final long POISON_SEQUENCE = 4;

    private static final int SEQUENCE_OFFSET = 0;
    private static final int PRIORITY_OFFSET = 8;
    private static final int POISON_OFFSET = 9;
    private static final int FILLER_OFFSET = 10;

    enum Mode
    {
        WORK, DRAIN, POISON
    }

    private final ChronicleMailbox mailbox;
    private final Random random;
    private final OutputStream enqueueLog;
    private final OutputStream effectLog;
    private final OutputStream ackLog;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private final List<long[]> batch = new ArrayList<>();
    private long nextSequence;

    private MailboxCrashChild(
        final ChronicleMailbox mailbox, final Random random, final Path logDir, final long nextSequence)
        throws IOException
    {
        this.mailbox = mailbox;
        this.random = random;
        this.enqueueLog = new FileOutputStream(logDir.resolve(ENQUEUE_LOG).toFile(), true);
        this.effectLog = new FileOutputStream(logDir.resolve(EFFECT_LOG).toFile(), true);
        this.ackLog = new FileOutputStream(logDir.resolve(ACK_LOG).toFile(), true);
        this.nextSequence = nextSequence;
    }

    public static void main(final String[] args) throws IOException
    {
        ChildJvm.exitWhenParentDies();
        final Mode mode = Mode.valueOf(args[0]);
        final Path mailboxDir = Path.of(args[1]);
        final Path logDir = Path.of(args[2]);
        final int run = Integer.parseInt(args[3]);
        final Random random = new Random(Long.parseLong(args[4]));
        final ChronicleMailboxContext ctx = new ChronicleMailboxContext()
            .directory(mailboxDir)
            .blockSize(256 * 1024)
            .maxDeliveries(Integer.parseInt(args[5]))
            .checkpointInterval(Integer.parseInt(args[6]));

        final long nextSequence = highestSequence(logDir.resolve(ENQUEUE_LOG)) + 1;
        final ChronicleMailbox mailbox = ChronicleMailbox.open(ctx);
        final MailboxCrashChild child = new MailboxCrashChild(mailbox, random, logDir, nextSequence);
        child.marker(run);
        System.err.println("run " + run + " " + mode + " from sequence " + nextSequence + ": " + mailbox);
        System.out.println(READY + " " + run);
        System.out.flush();

        switch (mode)
        {
            case WORK:
                child.work();
                break;
            case DRAIN:
                System.out.println(DRAINED + " " + child.drain(BATCH_MAX));
                break;
            case POISON:
                if (nextSequence == 1)
                {
                    child.enqueuePoisonSet();
                }
                System.out.println(DRAINED + " " + child.drain(0));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.err.println("dead letters: " + mailbox.deadLetters());
        mailbox.close();
        System.out.flush();
    }

    private void work() throws IOException
    {
        long nextStepNs = System.nanoTime();
        while (true)
        {
            nextStepNs = pace(nextStepNs);
            // Bursts of up to 6 against batches of up to BATCH_MAX per lane: lanes are mostly short, but often hold
            // several messages, so batches, and acks out of order within a lane, are common.
            final int enqueues = random.nextInt(7);
            for (int i = 0; i < enqueues; i++)
            {
                enqueue(random.nextBoolean() ? MessagePriority.HIGH : MessagePriority.NORMAL, false);
            }
            processOnce(BATCH_MAX);
        }
    }

    /**
     * At most one work step per {@link #STEP_NS}: on a quiet machine an unpaced child wrote logs of millions of
     * lines in its 400 ms, more than the parent's heap could hold when it reads them back.
     */
    private static long pace(final long stepDueNs)
    {
        final long aheadNs = stepDueNs - System.nanoTime();
        if (aheadNs > 0)
        {
            LockSupport.parkNanos(aheadNs);
            return stepDueNs + STEP_NS;
        }
        return Math.max(stepDueNs, System.nanoTime() - STEP_NS) + STEP_NS;
    }

    /**
     * @param batchMax most messages per lane per step; 0 for one message at a time from one lane.
     * @return messages executed.
     */
    private long drain(final int batchMax) throws IOException
    {
        long executed = 0;
        while (pending() > 0)
        {
            final int count = batchMax == 0 ? processOne() : processOnce(batchMax);
            if (count == 0 && pending() > 0)
            {
                throw new IllegalStateException("nothing polled but messages pending: " + mailbox);
            }
            executed += count;
        }
        return executed;
    }

    private int pending()
    {
        int pending = 0;
        for (final MessagePriority priority : MessagePriority.values())
        {
            pending += mailbox.queued(priority) + mailbox.inFlight(priority);
        }
        return pending;
    }

    private void enqueuePoisonSet() throws IOException
    {
        for (int i = 0; i < POISON_MESSAGES_PER_LANE * 2; i++)
        {
            final MessagePriority priority = (i & 1) == 0 ? MessagePriority.NORMAL : MessagePriority.HIGH;
            enqueue(priority, nextSequence == POISON_SEQUENCE);
        }
    }

    private void enqueue(final MessagePriority priority, final boolean poison) throws IOException
    {
        final long sequence = nextSequence++;
        line(enqueueLog, 'P', sequence, priority);
        message.putLong(SEQUENCE_OFFSET, sequence);
        message.putByte(PRIORITY_OFFSET, (byte)priority.ordinal());
        message.putByte(POISON_OFFSET, (byte)(poison ? 1 : 0));
        for (int i = FILLER_OFFSET; i < MESSAGE_LENGTH; i++)
        {
            message.putByte(i, filler(sequence, i));
        }
        if (mailbox.enqueue(priority, message, 0, MESSAGE_LENGTH) == Mailbox.FULL)
        {
            throw new IllegalStateException("mailbox full: " + mailbox);
        }
        line(enqueueLog, 'E', sequence, priority);
    }

    /**
     * Poll a batch from each lane (lane order at random), execute every message in poll order, then ack them all
     * in a random order, so acks arrive out of order within a lane and interleaved across lanes.
     *
     * @return messages polled.
     */
    private int processOnce(final int batchMax) throws IOException
    {
        batch.clear();
        final boolean highFirst = random.nextInt(4) != 0;
        poll(highFirst ? MessagePriority.HIGH : MessagePriority.NORMAL, batchMax);
        poll(highFirst ? MessagePriority.NORMAL : MessagePriority.HIGH, batchMax);
        execute();
        Collections.shuffle(batch, random);
        for (final long[] polled : batch)
        {
            mailbox.ack(polled[0]);
            line(ackLog, 'A', polled[1], MessagePriority.get((int)polled[2]));
        }
        return batch.size();
    }

    /**
     * Poll, execute and ack one message from a lane picked at random among those with messages queued: nothing
     * but that one message is ever executed and unacked.
     *
     * @return messages polled.
     */
    private int processOne() throws IOException
    {
        final boolean high = mailbox.queued(MessagePriority.HIGH) > 0 &&
            (mailbox.queued(MessagePriority.NORMAL) == 0 || random.nextBoolean());
        batch.clear();
        poll(high ? MessagePriority.HIGH : MessagePriority.NORMAL, 1);
        execute();
        for (final long[] polled : batch)
        {
            mailbox.ack(polled[0]);
            line(ackLog, 'A', polled[1], MessagePriority.get((int)polled[2]));
        }
        return batch.size();
    }

    private void execute() throws IOException
    {
        for (final long[] polled : batch)
        {
            final MessagePriority priority = MessagePriority.get((int)polled[2]);
            line(effectLog, 'X', polled[1], priority);
            if (polled[3] != 0)
            {
                System.err.println("executed poison message " + polled[1] + ": dying before its ack");
                System.err.flush();
                Runtime.getRuntime().halt(POISON_EXIT);
            }
        }
    }

    private void poll(final MessagePriority priority, final int batchMax)
    {
        mailbox.poll(priority, (messageId, buffer, offset, length) ->
        {
            final long sequence = buffer.getLong(offset + SEQUENCE_OFFSET);
            if (length != MESSAGE_LENGTH || buffer.getByte(offset + PRIORITY_OFFSET) != priority.ordinal())
            {
                throw new IllegalStateException("corrupt message " + sequence + " on " + priority + ": length " +
                    length);
            }
            for (int i = FILLER_OFFSET; i < MESSAGE_LENGTH; i++)
            {
                if (buffer.getByte(offset + i) != filler(sequence, i))
                {
                    throw new IllegalStateException("corrupt message " + sequence + " at byte " + i);
                }
            }
            batch.add(new long[] {messageId, sequence, priority.ordinal(), buffer.getByte(offset + POISON_OFFSET)});
        }, 1 + random.nextInt(batchMax));
    }

    private void marker(final int run) throws IOException
    {
        final byte[] line = ("R " + run + "\n").getBytes(StandardCharsets.US_ASCII);
        enqueueLog.write(line);
        effectLog.write(line);
        ackLog.write(line);
    }

    private static void line(final OutputStream log, final char type, final long sequence,
        final MessagePriority priority) throws IOException
    {
        // One write(2) per line, no fsync: see the class Javadoc.
        log.write((type + " " + sequence + " " + priority.name().charAt(0) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte filler(final long sequence, final int i)
    {
        return (byte)(sequence * 31 + i * 7);
    }

    /**
     * @return the highest sequence in the (whole) P or E lines of the enqueue log, 0 when there is none. A P line
     * torn by a kill names a number that was never enqueued: reusing it is harmless.
     */
    static long highestSequence(final Path enqueueLog) throws IOException
    {
        long highest = 0;
        if (Files.exists(enqueueLog))
        {
            try (BufferedReader reader = Files.newBufferedReader(enqueueLog, StandardCharsets.US_ASCII))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    final String[] fields = line.split(" ");
                    if (fields.length == 3 && (fields[0].equals("P") || fields[0].equals("E")))
                    {
                        highest = Math.max(highest, Long.parseLong(fields[1]));
                    }
                }
            }
        }
        return highest;
    }
}
