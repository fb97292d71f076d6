package dev.actr.journal.mailbox;

import dev.actr.journal.integrity.QueueRepair;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages that failed delivery too often, kept in a Chronicle queue of their own. A letter is listed until it
 * is re-driven (a REDRIVEN marker names it). Cold path.
 *
 * <pre>
 *   letter:   [type=1 u8][priority u8][reserved 6][original index i64][attempts i32][reserved i32][message...]
 *   redriven: [type=2 u8][reserved 7][letter id i64]
 * </pre>
 */
final class DeadLetterQueue
{
    private static final byte LETTER = 1;
    private static final byte REDRIVEN = 2;
    private static final int LETTER_HEADER_LENGTH = 16;

    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;

    DeadLetterQueue(final SingleChronicleQueue queue)
    {
        this.queue = queue;
    }

    void add(final int priority, final long originalIndex, final int attempts, final Bytes<?> message)
    {
        try (DocumentContext dc = appender().writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(LETTER);
            bytes.writeByte((byte)priority);
            bytes.writeSkip(6);
            bytes.writeLong(originalIndex);
            bytes.writeInt(attempts);
            bytes.writeInt(0);
            bytes.write(message, message.readPosition(), message.readRemaining());
        }
    }

    void markRedriven(final long letterId)
    {
        try (DocumentContext dc = appender().writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(REDRIVEN);
            bytes.writeSkip(7);
            bytes.writeLong(letterId);
        }
    }

    List<DeadLetter> list()
    {
        final List<DeadLetter> letters = new ArrayList<>();
        final LongHashSet redriven = new LongHashSet();
        try (ExcerptTailer tailer = queue.createTailer().toStart())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    read(dc.index(), dc.wire().bytes(), letters, redriven);
                }
            }
        }
        letters.removeIf(letter -> redriven.contains(letter.id()));
        return letters;
    }

    private static void read(
        final long index, final Bytes<?> bytes, final List<DeadLetter> letters, final LongHashSet redriven)
    {
        if (bytes.readRemaining() < LETTER_HEADER_LENGTH || QueueRepair.isPlaceholder(bytes))
        {
            return; // a placeholder for a letter lost to damage (reported when the mailbox opened)
        }
        final byte type = bytes.readByte();
        if (type == REDRIVEN)
        {
            bytes.readSkip(7);
            redriven.add(bytes.readLong());
            return;
        }
        final int priority = bytes.readByte();
        bytes.readSkip(6);
        final long originalIndex = bytes.readLong();
        final int attempts = bytes.readInt();
        bytes.readSkip(4);
        final byte[] message = new byte[(int)bytes.readRemaining()];
        bytes.read(message);
        letters.add(new DeadLetter(index, MessagePriority.get(priority), originalIndex, attempts, message));
    }

    private ExcerptAppender appender()
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        return appender;
    }

    void releaseThread()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
