package dev.actr.codec.frame;

/**
 * Layout of a lane frame as carried in one WebSocket binary message.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | payload_type  |          payload length (u32, big-endian)     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |  payload (length bytes) ...                   |
 *  +-+-+-+-+-+-+-+-+                                               |
 *  |                                                             ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class LaneFrameDescriptor
{
    /** Offset of the payload type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the big-endian u32 payload length. */
    public static final int LENGTH_OFFSET = 1;
    /** Length of the header; the payload starts here. */
    public static final int HEADER_LENGTH = 5;
    /** Default maximum payload length: 16 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 16 * 1024 * 1024;

    private LaneFrameDescriptor()
    {
    }
}
