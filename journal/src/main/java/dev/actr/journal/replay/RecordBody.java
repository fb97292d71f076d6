package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import dev.actr.journal.mailbox.MailboxRecordDescriptor;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.RpcEnvelope;

/**
 * The decoded bytes of one record, for the dump: an envelope, a chunk, nothing to decode, or bytes that do not
 * decode. Allocates (protobuf objects): cold path only.
 */
final class RecordBody
{
    /** What the bytes of a record are. */
    enum Type
    {
        /** An {@code RpcEnvelope}: {@link #envelope()}. */
        ENVELOPE,
        /** A {@code DataChunk}: {@link #chunk()}. */
        CHUNK,
        /** Nothing to decode (a timeout, or a kind this version does not know). */
        NONE,
        /** Bytes that should be an envelope or chunk and are not. */
        MALFORMED
    }

    private final Type type;
    private final RpcEnvelope envelope;
    private final DataChunk chunk;

    private RecordBody(final Type type, final RpcEnvelope envelope, final DataChunk chunk)
    {
        this.type = type;
        this.envelope = envelope;
        this.chunk = chunk;
    }

    /**
     * @param record a complete record.
     * @return its decoded bytes.
     */
    static RecordBody decode(final JournalRecord record)
    {
        switch (expected(record))
        {
            case ENVELOPE:
                try
                {
                    final byte[] bytes = record.bytesCopy();
                    final int skip = isMailboxRecord(record) ? MailboxRecordDescriptor.HEADER_LENGTH : 0;
                    if (bytes.length < skip)
                    {
                        return new RecordBody(Type.MALFORMED, null, null);
                    }
                    return new RecordBody(Type.ENVELOPE,
                        RpcEnvelope.parser().parseFrom(bytes, skip, bytes.length - skip), null);
                }
                catch (final InvalidProtocolBufferException ex)
                {
                    return new RecordBody(Type.MALFORMED, null, null);
                }
            case CHUNK:
                try
                {
                    return new RecordBody(Type.CHUNK, null, DataChunk.parseFrom(record.bytesCopy()));
                }
                catch (final InvalidProtocolBufferException ex)
                {
                    return new RecordBody(Type.MALFORMED, null, null);
                }
            default:
                return new RecordBody(Type.NONE, null, null);
        }
    }

    private static boolean isMailboxRecord(final JournalRecord record)
    {
        return record.journal() == JournalKind.DISPATCH && record.inputType() == DispatchInput.MESSAGE;
    }

    private static Type expected(final JournalRecord record)
    {
        if (record.journal() == JournalKind.DISPATCH)
        {
            switch (record.inputType())
            {
                case DispatchInput.MESSAGE:
                case DispatchInput.RESPONSE:
                    return Type.ENVELOPE;
                case DispatchInput.CHUNK:
                    return Type.CHUNK;
                default:
                    return Type.NONE;
            }
        }
        final int kind = record.kind();
        return FrameKind.isEnvelope(kind) ? Type.ENVELOPE : kind == FrameKind.CHUNK ? Type.CHUNK : Type.NONE;
    }

    Type type()
    {
        return type;
    }

    RpcEnvelope envelope()
    {
        return envelope;
    }

    DataChunk chunk()
    {
        return chunk;
    }
}
