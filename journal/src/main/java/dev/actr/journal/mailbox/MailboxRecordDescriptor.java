package dev.actr.journal.mailbox;

/**
 * Layout of a message as the engine's router stores it in a {@link Mailbox}: a fixed header, then the encoded
 * {@code RpcEnvelope} exactly as it arrived. All fields little-endian (Agrona's native order).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     caller index (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     target actor index (i32)                  |
 *  +---------------------------------------------------------------+
 *  |                     payload type (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     route index (i32)                         |
 *  +---------------------------------------------------------------+
 *  |                     arrival time, epoch ns (i64)              |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     RpcEnvelope bytes ...                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class MailboxRecordDescriptor
{
    /** Offset of the caller index. */
    public static final int CALLER_OFFSET = 0;
    /** Offset of the target actor index. */
    public static final int TARGET_OFFSET = 4;
    /** Offset of the payload type number. */
    public static final int PAYLOAD_TYPE_OFFSET = 8;
    /** Offset of the route's position in the node's route table. */
    public static final int ROUTE_INDEX_OFFSET = 12;
    /** Offset of the arrival time (epoch ns), from which the request's deadline is measured. */
    public static final int ARRIVAL_NS_OFFSET = 16;
    /** Length of the header; the envelope starts here. */
    public static final int HEADER_LENGTH = 24;

    private MailboxRecordDescriptor()
    {
    }
}
