package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;

/**
 * Layout of an ingress record: one frame the engine took from the ingress ring. A fixed header, then the
 * frame's bytes exactly as they arrived. All fields little-endian. The record is the body of one Chronicle
 * document; Chronicle's own length header frames it, so the bytes run to the end of the document.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     time, engine clock, epoch ns (i64)        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     correlation id (i64, -1 if none)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     frame kind (i32, see FrameKind)           |
 *  +---------------------------------------------------------------+
 *  |                     caller index (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     target actor index (i32)                  |
 *  +---------------------------------------------------------------+
 *  |                     payload type (i32)                        |
 *  +---------------------------------------------------------------+
 *  |                     RpcEnvelope or DataChunk bytes ...      ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class IngressRecordDescriptor
{
    /** Offset of the time the frame was taken from the ring (epoch ns, engine clock). */
    public static final int TIME_NS_OFFSET = 0;
    /** Offset of the correlation id the frame carries, -1 when it carries none. */
    public static final int CORRELATION_ID_OFFSET = 8;
    /** Offset of the frame kind ({@link FrameKind}). */
    public static final int KIND_OFFSET = 16;
    /** Offset of the caller's index in the manifest's actor table. */
    public static final int CALLER_OFFSET = 20;
    /** Offset of the target actor's index in the manifest's actor table. */
    public static final int TARGET_OFFSET = 24;
    /** Offset of the payload type number (the lane's {@code PayloadType}). */
    public static final int PAYLOAD_TYPE_OFFSET = 28;
    /** Length of the header; the frame's bytes start here. */
    public static final int HEADER_LENGTH = 32;

    private IngressRecordDescriptor()
    {
    }
}
