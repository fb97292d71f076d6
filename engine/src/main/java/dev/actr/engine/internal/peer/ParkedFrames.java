package dev.actr.engine.internal.peer;

import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Frames for a peer that could not go out yet, in order: while its connection is being made, or while its lane is
 * back-pressured (then every later frame queues behind them, so the connection keeps their order). Sent as the lane
 * takes them, dropped when the connection fails. Bounded in frames and bytes; past the bound a send is
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
    static final int MAX_FRAMES = 4096;
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final int HEADER_LENGTH = 8;
    private static final int RETAINED_BYTES = 64 * 1024;

    private ExpandableArrayBuffer entries;
    private int readPosition;
    private int length;
    private int frames;

    /**
     * @return {@link Lane#OK} when parked, {@link Lane#BACK_PRESSURED} past the bound.
     */
    int park(final int payloadType, final DirectBuffer buffer, final int offset, final int frameLength)
    {
        if (frames >= MAX_FRAMES || length - readPosition + HEADER_LENGTH + (long)frameLength > MAX_BYTES)
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
     * Send parked frames on the connection, in order, until the lane pushes back.
     *
     * @return {@link Lane#OK} when every frame went (the queue is empty), {@link Lane#BACK_PRESSURED} when some wait
     * still, or the lane's refusal of a frame (that frame is dropped, the rest stay).
     */
    int flush(final Lane lane, final long connectionId)
    {
        while (readPosition < length)
        {
            final int frameLength = entries.getInt(readPosition + 4);
            final int result = lane.send(connectionId, entries.getInt(readPosition), entries,
                readPosition + HEADER_LENGTH, frameLength);
            if (result == Lane.BACK_PRESSURED)
            {
                return result;
            }
            readPosition += HEADER_LENGTH + frameLength;
            frames--;
            if (result != Lane.OK)
            {
                compact();
                return result;
            }
        }
        clear();
        return Lane.OK;
    }

    void clear()
    {
        readPosition = 0;
        length = 0;
        frames = 0;
        if (entries != null && entries.capacity() > RETAINED_BYTES)
        {
            entries = null;
        }
    }

    int frames()
    {
        return frames;
    }

    private void compact()
    {
        if (readPosition == length)
        {
            clear();
        }
    }
}
