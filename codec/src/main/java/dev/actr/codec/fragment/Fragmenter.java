package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static dev.actr.codec.fragment.FragmentDescriptor.HEADER_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_TOTAL_FRAGMENTS;

/**
 * Splits messages into DataChannel fragments (see {@link FragmentDescriptor}). One instance per lane channel:
 * the message id increments with every message it fragments (wrapping at 2^32). All fragments but the last
 * carry {@code maxFragmentLength - 8} payload bytes. Allocation-free: fragments are written into one reused
 * buffer.
 *
 * <p>NOT thread safe.
 */
public final class Fragmenter
{
    private final int maxFragmentLength;
    private final int maxPayloadPerFragment;
    private final int maxMessageLength;
    private final UnsafeBuffer scratch;
    private int nextMsgId;

    /**
     * A fragmenter with fragments of up to 65,535 bytes and messages of up to 16 MiB.
     */
    public Fragmenter()
    {
        this(MAX_FRAGMENT_LENGTH, 16 * 1024 * 1024);
    }

    /**
     * @param maxFragmentLength largest fragment, header included: from 9 to 65,535.
     * @param maxMessageLength  largest message accepted; larger ones are {@link CodecStatus#MESSAGE_TOO_LARGE}.
     */
    public Fragmenter(final int maxFragmentLength, final int maxMessageLength)
    {
        if (maxFragmentLength <= HEADER_LENGTH || maxFragmentLength > MAX_FRAGMENT_LENGTH)
        {
            throw new IllegalArgumentException(
                "maxFragmentLength must be in (" + HEADER_LENGTH + ", " + MAX_FRAGMENT_LENGTH + "]: " +
                maxFragmentLength);
        }
        if (maxMessageLength < 0)
        {
            throw new IllegalArgumentException("maxMessageLength must be >= 0: " + maxMessageLength);
        }
        this.maxFragmentLength = maxFragmentLength;
        this.maxPayloadPerFragment = maxFragmentLength - HEADER_LENGTH;
        this.maxMessageLength = maxMessageLength;
        this.scratch = new UnsafeBuffer(new byte[maxFragmentLength]);
    }

    /**
     * Cut a message into fragments and hand each, in index order, to the handler.
     *
     * @param message buffer holding the message.
     * @param offset  of the message.
     * @param length  of the message.
     * @param handler to receive each fragment.
     * @return {@link CodecStatus#OK}, or {@link CodecStatus#MESSAGE_TOO_LARGE} (nothing sent) when the message
     * exceeds the maximum message length or would need more than 65,535 fragments.
     */
    public CodecStatus fragment(
        final DirectBuffer message, final int offset, final int length, final FragmentHandler handler)
    {
        final long total = fragmentCount(length);
        if (length < 0 || length > maxMessageLength || total > MAX_TOTAL_FRAGMENTS)
        {
            return CodecStatus.MESSAGE_TOO_LARGE;
        }
        final int msgId = nextMsgId++;
        int position = offset;
        int remaining = length;
        for (int index = 0; index < total; index++)
        {
            final int chunk = Math.min(remaining, maxPayloadPerFragment);
            FragmentHeaderFlyweight.encode(scratch, 0, msgId, index, (int)total);
            scratch.putBytes(HEADER_LENGTH, message, position, chunk);
            handler.onFragment(scratch, 0, HEADER_LENGTH + chunk);
            position += chunk;
            remaining -= chunk;
        }
        return CodecStatus.OK;
    }

    /**
     * @param messageLength length of a message.
     * @return how many fragments it takes (at least 1: an empty message is one header-only fragment).
     */
    public long fragmentCount(final int messageLength)
    {
        return messageLength <= maxPayloadPerFragment ? 1 :
            ((long)messageLength + maxPayloadPerFragment - 1) / maxPayloadPerFragment;
    }

    /**
     * @return the largest fragment this fragmenter emits, header included.
     */
    public int maxFragmentLength()
    {
        return maxFragmentLength;
    }

    /**
     * @return the message id the next message will carry.
     */
    public int nextMsgId()
    {
        return nextMsgId;
    }
}
