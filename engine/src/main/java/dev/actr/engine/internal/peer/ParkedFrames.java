package dev.actr.engine.internal.peer;

import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Frames sent to a peer while its connection is being made, kept in order until it is ready (then sent) or fails
 * (then dropped: their calls are failed by the caller). Bounded in frames and bytes; past the bound a send is
 * back-pressured. One reused buffer of entries:
 *
 * <pre>
 *   [payload type i32][length i32][frame bytes ...]
 * </pre>
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class ParkedFrames
{
    static final int MAX_FRAMES = 1024;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final int HEADER_LENGTH = 8;

    private ExpandableArrayBuffer entries;
    private int length;
    private int frames;

    /**
     * @return {@link Lane#OK} when parked, {@link Lane#BACK_PRESSURED} past the bound.
     */
    int park(final int payloadType, final DirectBuffer buffer, final int offset, final int frameLength)
    {
        if (frames >= MAX_FRAMES || length + HEADER_LENGTH + (long)frameLength > MAX_BYTES)
        {
            return Lane.BACK_PRESSURED;
        }
        if (entries == null)
        {
            entries = new ExpandableArrayBuffer(1024);
        }
        entries.putInt(length, payloadType);
        entries.putInt(length + 4, frameLength);
        entries.putBytes(length + HEADER_LENGTH, buffer, offset, frameLength);
        length += HEADER_LENGTH + frameLength;
        frames++;
        return Lane.OK;
    }

    /**
     * Send every parked frame on the connection now ready, in order, and forget them.
     *
     * @return how many the lane refused.
     */
    int flush(final Lane lane, final long connectionId)
    {
        int refused = 0;
        for (int position = 0; position < length; )
        {
            final int frameLength = entries.getInt(position + 4);
            refused += lane.send(connectionId, entries.getInt(position), entries, position + HEADER_LENGTH,
                frameLength) == Lane.OK ? 0 : 1;
            position += HEADER_LENGTH + frameLength;
        }
        clear();
        return refused;
    }

    void clear()
    {
        length = 0;
        frames = 0;
        if (entries != null && entries.capacity() > 64 * 1024)
        {
            entries = null;
        }
    }

    int frames()
    {
        return frames;
    }
}
