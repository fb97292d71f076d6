package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A flyweight over the record a {@link JournalReader} last read: the header's fields and a view of its bytes.
 * Valid until the reader moves on; the reader copies each record out of the memory-mapped file into a buffer it
 * reuses, so nothing is allocated per record once that buffer has grown to the largest record.
 *
 * <p>Fields a journal does not have read as {@link #NONE} (-1); see the descriptor of each journal. A record
 * shorter than its journal's header is not {@link #isComplete() complete}: its fields read as {@link #NONE} and
 * its bytes are the whole record.
 */
public final class JournalRecord
{
    /** Value of a field the record's journal does not have. */
    public static final int NONE = -1;

    private final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer bytes = new UnsafeBuffer(new byte[0]);
    private JournalKind journal;
    private long index = NONE;
    private int recordLength;
    private boolean complete;

    void load(final JournalKind journal, final long index, final Bytes<?> source, final long position, final int length)
    {
        this.journal = journal;
        this.index = index;
        this.recordLength = length;
        copy.checkLimit(length);
        if (length > 0)
        {
            source.read(position, copy.byteArray(), 0, length);
        }
        final int headerLength = headerLength(journal);
        complete = length >= headerLength;
        if (complete)
        {
            bytes.wrap(copy, headerLength, length - headerLength);
        }
        else
        {
            bytes.wrap(copy, 0, length);
        }
    }

    static int headerLength(final JournalKind journal)
    {
        switch (journal)
        {
            case INGRESS:
                return IngressRecordDescriptor.HEADER_LENGTH;
            case DISPATCH:
                return DispatchRecordDescriptor.HEADER_LENGTH;
            default:
                return OutboundRecordDescriptor.HEADER_LENGTH;
        }
    }

    /**
     * @return the journal the record was read from.
     */
    public JournalKind journal()
    {
        return journal;
    }

    /**
     * @return Chronicle's index of the record in its queue (cycle and position in it).
     */
    public long index()
    {
        return index;
    }

    /**
     * @return true when the record holds its journal's whole header.
     */
    public boolean isComplete()
    {
        return complete;
    }

    /**
     * @return length of the record, header included.
     */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * @return engine clock time of the record, epoch ns; {@link #NONE} for an incomplete record.
     */
    public long timeNs()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getLong(IngressRecordDescriptor.TIME_NS_OFFSET, LITTLE_ENDIAN);
            case DISPATCH:
                return copy.getLong(DispatchRecordDescriptor.TIME_NS_OFFSET, LITTLE_ENDIAN);
            default:
                return copy.getLong(OutboundRecordDescriptor.TIME_NS_OFFSET, LITTLE_ENDIAN);
        }
    }

    /**
     * @return the dispatch sequence of a dispatch record, or of the dispatch an outbound record was sent from
     * (-1 when none); {@link #NONE} for ingress.
     */
    public long dispatchSequence()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case DISPATCH:
                return copy.getLong(DispatchRecordDescriptor.SEQUENCE_OFFSET, LITTLE_ENDIAN);
            case OUTBOUND:
                return copy.getLong(OutboundRecordDescriptor.DISPATCH_SEQUENCE_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return the {@link FrameKind} of an ingress or outbound record; {@link #NONE} for dispatch.
     */
    public int kind()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getInt(IngressRecordDescriptor.KIND_OFFSET, LITTLE_ENDIAN);
            case OUTBOUND:
                return copy.getInt(OutboundRecordDescriptor.KIND_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return the {@link DispatchInput} of a dispatch record; {@link #NONE} otherwise.
     */
    public int inputType()
    {
        return complete && journal == JournalKind.DISPATCH ?
            copy.getInt(DispatchRecordDescriptor.INPUT_TYPE_OFFSET, LITTLE_ENDIAN) : NONE;
    }

    /**
     * @return the actor given the input of a dispatch record; {@link #NONE} otherwise.
     */
    public int actorIndex()
    {
        return complete && journal == JournalKind.DISPATCH ?
            copy.getInt(DispatchRecordDescriptor.ACTOR_OFFSET, LITTLE_ENDIAN) : NONE;
    }

    /**
     * @return the caller of an ingress or dispatch record; {@link #NONE} for outbound.
     */
    public int callerIndex()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getInt(IngressRecordDescriptor.CALLER_OFFSET, LITTLE_ENDIAN);
            case DISPATCH:
                return copy.getInt(DispatchRecordDescriptor.CALLER_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return the sender of an outbound record; {@link #NONE} otherwise.
     */
    public int senderIndex()
    {
        return complete && journal == JournalKind.OUTBOUND ?
            copy.getInt(OutboundRecordDescriptor.SENDER_OFFSET, LITTLE_ENDIAN) : NONE;
    }

    /**
     * @return the target of an ingress or outbound record; {@link #NONE} for dispatch (see {@link #actorIndex()}).
     */
    public int targetIndex()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getInt(IngressRecordDescriptor.TARGET_OFFSET, LITTLE_ENDIAN);
            case OUTBOUND:
                return copy.getInt(OutboundRecordDescriptor.TARGET_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return the payload type number of an ingress or outbound record; {@link #NONE} for dispatch.
     */
    public int payloadType()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getInt(IngressRecordDescriptor.PAYLOAD_TYPE_OFFSET, LITTLE_ENDIAN);
            case OUTBOUND:
                return copy.getInt(OutboundRecordDescriptor.PAYLOAD_TYPE_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return the correlation id of an ingress or dispatch record (-1 when it has none); {@link #NONE} for
     * outbound.
     */
    public long correlationId()
    {
        if (!complete)
        {
            return NONE;
        }
        switch (journal)
        {
            case INGRESS:
                return copy.getLong(IngressRecordDescriptor.CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
            case DISPATCH:
                return copy.getLong(DispatchRecordDescriptor.CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
            default:
                return NONE;
        }
    }

    /**
     * @return a view of the record's bytes after the header, from offset 0 to {@link #length()}.
     */
    public DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @return number of bytes after the header.
     */
    public int length()
    {
        return bytes.capacity();
    }

    /**
     * @return a copy of the bytes after the header (allocates: tests and tools).
     */
    public byte[] bytesCopy()
    {
        final byte[] copyOfBytes = new byte[length()];
        bytes.getBytes(0, copyOfBytes);
        return copyOfBytes;
    }

    @Override
    public String toString()
    {
        return "JournalRecord{journal=" + journal + ", index=" + index + ", complete=" + complete +
            ", timeNs=" + timeNs() + ", dispatchSequence=" + dispatchSequence() + ", kind=" + kind() +
            ", inputType=" + inputType() + ", actorIndex=" + actorIndex() + ", callerIndex=" + callerIndex() +
            ", senderIndex=" + senderIndex() + ", targetIndex=" + targetIndex() + ", payloadType=" + payloadType() +
            ", correlationId=" + correlationId() + ", length=" + length() + '}';
    }
}
