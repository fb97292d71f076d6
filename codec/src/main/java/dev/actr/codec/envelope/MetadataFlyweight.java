package dev.actr.codec.envelope;

import org.agrona.DirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.WIRE_LEN;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.MAX_TAG;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.METADATA;

/**
 * Walks the metadata entries of an envelope ({@code repeated MetadataEntry metadata = 103}, each
 * {@code MetadataEntry{key = 1, value = 2}}) in place, in wire order, without copying or allocating. Reusable:
 * {@link #wrap} it on each envelope, then call {@link #next()} until it returns false.
 *
 * <pre>{@code
 * if (envelope.wrap(buffer, offset, length) == CodecStatus.OK)
 * {
 *     metadata.wrap(envelope);
 *     while (metadata.next())
 *     {
 *         onEntry(metadata.buffer(), metadata.keyOffset(), metadata.keyLength(),
 *             metadata.valueOffset(), metadata.valueLength());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link RpcEnvelopeFlyweight#wrap} has already checked every entry (well-formed, key and value present as
 * length-delimited fields, unknown fields of the entry stepped over, the last key and the last value winning as in
 * protobuf), so the walk of an envelope that wrapped OK yields exactly {@link RpcEnvelopeFlyweight#metadataCount()}
 * entries. The walk reads the envelope's buffer again: should those bytes change after the wrap, it stops at the
 * first entry that no longer parses rather than read past the envelope. Keys and values are UTF-8 bytes; they are
 * not checked to be valid UTF-8 (protobuf-java does not check proto2 strings either).
 *
 * <p>NOT thread safe: one instance per reading thread.
 */
public final class MetadataFlyweight
{
    static final int KEY = 1;
    static final int VALUE = 2;
    private static final long METADATA_TAG = (long)METADATA << 3 | WIRE_LEN;

    private final ProtoWire fields = new ProtoWire();
    private final ProtoWire entry = new ProtoWire();
    private DirectBuffer buffer;
    private int remaining;
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;

    /**
     * Start a walk over the metadata entries of the envelope {@code envelope} last wrapped.
     *
     * @param envelope read by a successful {@link RpcEnvelopeFlyweight#wrap}.
     * @return this.
     */
    public MetadataFlyweight wrap(final RpcEnvelopeFlyweight envelope)
    {
        buffer = envelope.buffer();
        remaining = envelope.metadataCount();
        if (remaining > 0)
        {
            fields.wrap(buffer, envelope.metadataStart(), envelope.metadataLimit() - envelope.metadataStart());
        }
        forgetEntry();
        return this;
    }

    /**
     * Step to the next entry.
     *
     * @return true when positioned on an entry; false when there are no more (then every accessor reads as absent).
     */
    public boolean next()
    {
        while (remaining > 0 && fields.hasRemaining())
        {
            final long tag = fields.readVarint();
            if (tag == METADATA_TAG)
            {
                final int entryOffset = fields.readLengthDelimited();
                if (entryOffset < 0 || !readEntry(buffer, entryOffset, fields.lastLength()))
                {
                    break;
                }
                remaining--;
                return true;
            }
            if (tag < 8 || tag > MAX_TAG || !fields.skip((int)tag & 7))
            {
                break;
            }
        }
        remaining = 0;
        forgetEntry();
        return false;
    }

    /**
     * Read one encoded {@code MetadataEntry}; the envelope flyweight checks each entry with this.
     *
     * @return true when it is well formed with a key and a value, which this then points at.
     */
    boolean readEntry(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        forgetEntry();
        entry.wrap(buffer, offset, length);
        while (entry.hasRemaining())
        {
            final long tag = entry.readVarint();
            if (tag < 8 || tag > MAX_TAG)
            {
                return false;
            }
            final int field = (int)tag >>> 3;
            final int wireType = (int)tag & 7;
            if (field == KEY || field == VALUE)
            {
                final int start = wireType == WIRE_LEN ? entry.readLengthDelimited() : -1;
                if (start < 0)
                {
                    return false;                               // a key or value of another wire type, or cut short
                }
                if (field == KEY)
                {
                    keyOffset = start;
                    keyLength = entry.lastLength();
                }
                else
                {
                    valueOffset = start;
                    valueLength = entry.lastLength();
                }
            }
            else if (!entry.skip(wireType))
            {
                return false;
            }
        }
        return keyOffset >= 0 && valueOffset >= 0;
    }

    private void forgetEntry()
    {
        keyOffset = -1;
        keyLength = 0;
        valueOffset = -1;
        valueLength = 0;
    }

    /**
     * @return the buffer the entries lie in (the envelope's).
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the current entry's UTF-8 key, or -1 when not positioned on an entry.
     */
    public int keyOffset()
    {
        return keyOffset;
    }

    /**
     * @return length of the current entry's key in bytes.
     */
    public int keyLength()
    {
        return keyLength;
    }

    /**
     * @return offset of the current entry's UTF-8 value, or -1 when not positioned on an entry.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current entry's value in bytes.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
