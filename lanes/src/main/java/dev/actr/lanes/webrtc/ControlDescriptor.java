package dev.actr.lanes.webrtc;

/**
 * Layout of a message on the {@code ACTR_CONTROL} DataChannel (ordered, reliable; never fragmented): a type byte
 * and a body.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     type      |  body: HANDSHAKE bytes | PING/PONG u64 (BE)  ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * HANDSHAKE carries the peer session's handshake; READY says "I verified you" (no body); PING carries the sender's
 * clock and PONG echoes it (round-trip time); CLOSE says the sender is closing the connection (no body).
 */
final class ControlDescriptor
{
    static final byte HANDSHAKE = 1;
    static final byte READY = 2;
    static final byte PING = 3;
    static final byte PONG = 4;
    static final byte CLOSE = 5;

    static final int TYPE_OFFSET = 0;
    static final int BODY_OFFSET = 1;
    static final int PING_LENGTH = BODY_OFFSET + Long.BYTES;

    /** Label of the control channel. */
    static final String LABEL = "ACTR_CONTROL";

    private ControlDescriptor()
    {
    }
}
