package dev.actr.journal.replay;

/**
 * Layout of a dispatch record: one input an actor saw, in the scheduler's order. A fixed header, then the
 * input's bytes (none for timeouts). All fields little-endian. The record is the body of one Chronicle
 * document; Chronicle's own length header frames it, so the bytes run to the end of the document.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     dispatch sequence (i64, 0, 1, 2, ...)     |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     time, engine clock, epoch ns (i64)        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     correlation id (i64, -1 if none)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     input type (i32, see DispatchInput)       |
 *  +---------------------------------------------------------------+
 *  |                     actor index (i32)                         |
 *  +---------------------------------------------------------------+
 *  |                     caller index (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     RpcEnvelope or DataChunk bytes ...      ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The sequence numbers every dispatch of a journal directory without gaps, across restarts of the writer;
 * outbound records name the dispatch they were sent from by it.
 */
public final class DispatchRecordDescriptor
{
    /** Offset of the dispatch sequence number. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the time the actor was given the input (epoch ns, engine clock). */
    public static final int TIME_NS_OFFSET = 8;
    /** Offset of the correlation id: which call a response or timeout completes, -1 when none. */
    public static final int CORRELATION_ID_OFFSET = 16;
    /** Offset of the input type ({@link DispatchInput}). */
    public static final int INPUT_TYPE_OFFSET = 24;
    /** Offset of the index of the actor given the input. */
    public static final int ACTOR_OFFSET = 28;
    /** Offset of the caller's index (who sent the message, or whom the actor called). */
    public static final int CALLER_OFFSET = 32;
    /** Length of the header; the input's bytes start here. */
    public static final int HEADER_LENGTH = 36;

    private DispatchRecordDescriptor()
    {
    }
}
