package dev.actr.journal.mailbox;

/**
 * Layout of a message as the engine's router stores it in a {@link Mailbox}: a fixed header, then the encoded
 * {@code RpcEnvelope} exactly as it arrived. All fields little-endian (Agrona's native order).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  caller key (i64): the host or a local actor's index (>= 0),  |
 *  |  or a peer's key (< 0), stable across runs                    |
 *  +---------------------------------------------------------------+
 *  |                  arrival time, epoch ns (i64)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  deadline, epoch ns (i64), by the caller's clock where local; |
 *  |  Long.MAX_VALUE for a tell                                    |
 *  +---------------------------------------------------------------+
 *  |                     target actor index (i32)                  |
 *  +---------------------------------------------------------------+
 *  |                     payload type (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     route index (i32)                         |
 *  +---------------------------------------------------------------+
 *  |                     reserved (i32), 0                         |
 *  +---------------------------------------------------------------+
 *  |                     RpcEnvelope bytes ...                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class MailboxRecordDescriptor
{
    /** Offset of the caller key. */
    public static final int CALLER_KEY_OFFSET = 0;
    /** Offset of the arrival time (epoch ns). */
    public static final int ARRIVAL_NS_OFFSET = 8;
    /** Offset of the deadline (epoch ns); a request whose deadline passed is answered TimedOut, never run. */
    public static final int DEADLINE_NS_OFFSET = 16;
    /** Offset of the target actor index. */
    public static final int TARGET_OFFSET = 24;
    /** Offset of the payload type number. */
    public static final int PAYLOAD_TYPE_OFFSET = 28;
    /** Offset of the route's position in the node's route table. */
    public static final int ROUTE_INDEX_OFFSET = 32;
    /** Offset of the reserved field. */
    public static final int RESERVED_OFFSET = 36;
    /** Length of the header; the envelope starts here. */
    public static final int HEADER_LENGTH = 40;

    private MailboxRecordDescriptor()
    {
    }
}
