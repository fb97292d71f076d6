package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;

/**
 * Layout of an outbound record: one envelope or chunk an actor sent. A fixed header, then the bytes exactly
 * as handed to egress. All fields little-endian. The record is the body of one Chronicle document;
 * Chronicle's own length header frames it, so the bytes run to the end of the document.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     dispatch sequence (i64, -1 if none)       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     time, engine clock, epoch ns (i64)        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     frame kind (i32, see FrameKind)           |
 *  +---------------------------------------------------------------+
 *  |                     sender index (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     target index (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     payload type (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     RpcEnvelope or DataChunk bytes ...      ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The dispatch sequence is the dispatch during which the actor sent it, or -1 for what was sent outside any
 * dispatch (the router's own error replies, say).
 */
public final class OutboundRecordDescriptor
{
    /** Offset of the sequence of the dispatch that sent it, -1 when none. */
    public static final int DISPATCH_SEQUENCE_OFFSET = 0;
    /** Offset of the time it was sent (epoch ns, engine clock). */
    public static final int TIME_NS_OFFSET = 8;
    /** Offset of the frame kind ({@link FrameKind}). */
    public static final int KIND_OFFSET = 16;
    /** Offset of the sender's index in the manifest's actor table. */
    public static final int SENDER_OFFSET = 20;
    /** Offset of the target's index in the manifest's actor table. */
    public static final int TARGET_OFFSET = 24;
    /** Offset of the payload type number (the lane's {@code PayloadType}). */
    public static final int PAYLOAD_TYPE_OFFSET = 28;
    /** Length of the header; the bytes start here. */
    public static final int HEADER_LENGTH = 32;

    private OutboundRecordDescriptor()
    {
    }
}
