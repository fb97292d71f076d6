package dev.actr.journal.dedup;

/**
 * Layout of one dedup journal record: a request (or tell) that was answered, with the reply frame to send again.
 * Little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      caller index (i32)                       |
 *  +---------------------------------------------------------------+
 *  |                 responder index (i32), -1 for a tell          |
 *  +---------------------------------------------------------------+
 *  |                      payload type (i32)                       |
 *  +---------------------------------------------------------------+
 *  |                      reserved (i32)                           |
 *  +---------------------------------------------------------------+
 *  |                      request key (i64)                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 taken at, engine epoch ns (i64)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      reply frame ...                        ...
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
    /** Offset of the request key. */
    public static final int REQUEST_KEY_OFFSET = 16;
    /** Offset of the time the request was taken. */
    public static final int TAKEN_NS_OFFSET = 24;
    /** Length of the header; the reply frame follows. */
    public static final int HEADER_LENGTH = 32;

    private DedupRecordDescriptor()
    {
    }
}
