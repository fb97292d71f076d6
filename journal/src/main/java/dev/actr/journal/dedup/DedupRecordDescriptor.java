package dev.actr.journal.dedup;

/**
 * Layout of one dedup journal record: a request (or tell) that was answered, with the reply frame to send again
 * and the durable effects its handler recorded. The record is the request's commit point: one Chronicle document,
 * so the answer and the effects are either both there after a crash or both absent. Little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      caller index (i32)                       |
 *  +---------------------------------------------------------------+
 *  |          responder index (i32): the actor that handled it      |
 *  +---------------------------------------------------------------+
 *  |                      payload type (i32)                       |
 *  +---------------------------------------------------------------+
 *  |          reply frame length (i32), 0 for a tell               |
 *  +---------------------------------------------------------------+
 *  |                      request key (i64)                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 taken at, engine epoch ns (i64)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        mailbox message id (i64), -1 when none                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      reply frame ...                        ...
 *  +---------------------------------------------------------------+
 *  |        effect length (i32)    |  effect bytes ...             ...   repeated, in the order recorded
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DedupRecordDescriptor
{
    /** Offset of the caller index. */
    public static final int CALLER_OFFSET = 0;
    /** Offset of the responder index. */
    public static final int RESPONDER_OFFSET = 4;
    /** Offset of the payload type. */
    public static final int PAYLOAD_TYPE_OFFSET = 8;
    /** Offset of the reply frame's length. */
    public static final int REPLY_LENGTH_OFFSET = 12;
    /** Offset of the request key. */
    public static final int REQUEST_KEY_OFFSET = 16;
    /** Offset of the time the request was taken. */
    public static final int TAKEN_NS_OFFSET = 24;
    /** Offset of the mailbox message id of the request, acked right after the record. */
    public static final int MESSAGE_ID_OFFSET = 32;
    /** Length of the header; the reply frame follows. */
    public static final int HEADER_LENGTH = 40;
    /** Length of the length prefix of each effect. */
    public static final int EFFECT_LENGTH_PREFIX = 4;

    /**
     * @param bytes a record being read.
     * @param start position of the record.
     * @return length of its reply frame, or -1 when the record is too short to hold its header and reply.
     */
    static int replyLength(final net.openhft.chronicle.bytes.Bytes<?> bytes, final long start)
    {
        final long remaining = bytes.readLimit() - start;
        if (remaining < HEADER_LENGTH)
        {
            return -1;
        }
        final int length = bytes.readInt(start + REPLY_LENGTH_OFFSET);
        return length >= 0 && HEADER_LENGTH + (long)length <= remaining ? length : -1;
    }

    private DedupRecordDescriptor()
    {
    }
}
