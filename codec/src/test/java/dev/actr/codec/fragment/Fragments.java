package dev.actr.codec.fragment;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds DataChannel fragments by hand for the fragment tests.
 */
final class Fragments
{
    private Fragments()
    {
    }

    /**
     * @return one fragment: the big-endian header followed by the payload.
     */
    static byte[] fragment(final int msgId, final int fragIndex, final int totalFrags, final byte[] payload)
    {
        final byte[] fragment = new byte[FragmentDescriptor.HEADER_LENGTH + payload.length];
        FragmentHeaderFlyweight.encode(new UnsafeBuffer(fragment), 0, msgId, fragIndex, totalFrags);
        System.arraycopy(payload, 0, fragment, FragmentDescriptor.HEADER_LENGTH, payload.length);
        return fragment;
    }

    /**
     * @return the fragments of {@code message}, each with at most {@code payloadPerFragment} payload bytes.
     */
    static List<byte[]> split(final int msgId, final byte[] message, final int payloadPerFragment)
    {
        final int total = Math.max(1, (message.length + payloadPerFragment - 1) / payloadPerFragment);
        final List<byte[]> fragments = new ArrayList<>(total);
        for (int i = 0; i < total; i++)
        {
            final int from = i * payloadPerFragment;
            final int to = Math.min(message.length, from + payloadPerFragment);
            fragments.add(fragment(msgId, i, total, Arrays.copyOfRange(message, from, to)));
        }
        return fragments;
    }

    /**
     * @return {@code length} bytes counting up from {@code seed}, so that misplaced bytes show.
     */
    static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + i * 31 + (i >>> 8));
        }
        return bytes;
    }
}
