package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.PayloadType;

/**
 * The DataChannels of a connection by index: the four payload types by their {@code PayloadType} number (labels as
 * actr names them), then the control channel.
 */
final class ChannelIndex
{
    static final int RPC_RELIABLE = PayloadType.RPC_RELIABLE_VALUE;
    static final int RPC_SIGNAL = PayloadType.RPC_SIGNAL_VALUE;
    static final int STREAM_RELIABLE = PayloadType.STREAM_RELIABLE_VALUE;
    static final int STREAM_LATENCY_FIRST = PayloadType.STREAM_LATENCY_FIRST_VALUE;
    static final int CONTROL = 4;
    static final int COUNT = 5;
    static final int ALL_OPEN = (1 << COUNT) - 1;

    private static final String[] LABELS =
    {
        PayloadType.RPC_RELIABLE.name(),
        PayloadType.RPC_SIGNAL.name(),
        PayloadType.STREAM_RELIABLE.name(),
        PayloadType.STREAM_LATENCY_FIRST.name(),
        ControlDescriptor.LABEL,
    };

    private ChannelIndex()
    {
    }

    static String label(final int index)
    {
        return LABELS[index];
    }

    /**
     * @param label a DataChannel label.
     * @return its index, or -1 when the lane does not know it.
     */
    static int of(final String label)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (LABELS[i].equals(label))
            {
                return i;
            }
        }
        return -1;
    }

    static boolean isPayloadType(final int payloadType)
    {
        return payloadType >= 0 && payloadType < CONTROL;
    }
}
