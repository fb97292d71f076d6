package dev.actr.engine.internal.egress;

import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Replies held back until their group's commit records are forced to disk, in one reused buffer of entries:
 *
 * <pre>
 *   [sender i32][target i32][payload type i32][length i32][envelope bytes ...]
 * </pre>
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class HeldReplies
{
    private static final int SENDER_OFFSET = 0;
    private static final int TARGET_OFFSET = 4;
    private static final int PAYLOAD_TYPE_OFFSET = 8;
    private static final int LENGTH_OFFSET = 12;
    private static final int HEADER_LENGTH = 16;

    private final ExpandableArrayBuffer entries = new ExpandableArrayBuffer(1024);
    private int length;

    void hold(final int senderIndex, final int targetIndex, final int payloadType, final DirectBuffer frame,
        final int frameLength)
    {
        entries.putInt(length + SENDER_OFFSET, senderIndex);
        entries.putInt(length + TARGET_OFFSET, targetIndex);
        entries.putInt(length + PAYLOAD_TYPE_OFFSET, payloadType);
        entries.putInt(length + LENGTH_OFFSET, frameLength);
        entries.putBytes(length + HEADER_LENGTH, frame, 0, frameLength);
        length += HEADER_LENGTH + frameLength;
    }

    int bytes()
    {
        return length;
    }

    /**
     * Send every held reply, in the order held, and forget them.
     *
     * @return how many could not be sent.
     */
    int release(final EgressProxy egress)
    {
        int failed = 0;
        for (int position = 0; position < length; )
        {
            final int frameLength = entries.getInt(position + LENGTH_OFFSET);
            final int result = egress.sendHeld(entries.getInt(position + SENDER_OFFSET),
                entries.getInt(position + TARGET_OFFSET), entries.getInt(position + PAYLOAD_TYPE_OFFSET),
                entries, position + HEADER_LENGTH, frameLength);
            failed += result == Lane.OK ? 0 : 1;
            position += HEADER_LENGTH + frameLength;
        }
        length = 0;
        return failed;
    }
}
