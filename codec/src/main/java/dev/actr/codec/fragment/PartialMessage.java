package dev.actr.codec.fragment;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

import static dev.actr.codec.fragment.FragmentBlockPool.BLOCK_LENGTH;
import static dev.actr.codec.fragment.FragmentBlockPool.BLOCK_MASK;
import static dev.actr.codec.fragment.FragmentBlockPool.BLOCK_SHIFT;

/**
 * The fragments of one message received so far, kept in an age-ordered list by the {@link Reassembler}. Fragment
 * bytes are appended in arrival order to a chain of pooled {@link FragmentBlockPool} blocks, so the bytes held are
 * the fragments' bytes and at most one partly filled block; an index records where each fragment lies, and the
 * message is copied out in fragment order when it completes.
 *
 * <p>Pooled: small index arrays are kept for reuse, large ones dropped so the pool stays small.
 */
final class PartialMessage
{
    private static final int MAX_POOLED_FRAGMENTS = 256;
    private static final int MAX_POOLED_BLOCKS = 256;
    private static final int INITIAL_BLOCKS = 16;

    int msgId;
    int totalFrags;
    int receivedFrags;
    long messageLength;
    long firstArrivalNs;
    PartialMessage older;
    PartialMessage newer;
    private int[] offsets;
    private int[] lengths;
    private byte[][] blocks = new byte[INITIAL_BLOCKS][];
    private int blockCount;

    void init(final int msgId, final int totalFrags, final long nowNs)
    {
        this.msgId = msgId;
        this.totalFrags = totalFrags;
        this.receivedFrags = 0;
        this.messageLength = 0;
        this.firstArrivalNs = nowNs;
        if (lengths == null || lengths.length < totalFrags)
        {
            offsets = new int[totalFrags];
            lengths = new int[totalFrags];
        }
        if (blocks == null)
        {
            blocks = new byte[INITIAL_BLOCKS][];
        }
    }

    /**
     * @param totalFrags of the message.
     * @return bytes accounted to a partial message besides its fragments' bytes (see {@link Reassembler}).
     */
    static long accountedBytes(final int totalFrags)
    {
        return Reassembler.PARTIAL_MESSAGE_OVERHEAD_BYTES + (long)totalFrags * Reassembler.FRAGMENT_OVERHEAD_BYTES;
    }

    /**
     * @return bytes accounted to this partial message: its bookkeeping and its fragments' bytes.
     */
    long accountedBytes()
    {
        return accountedBytes(totalFrags) + messageLength;
    }

    boolean has(final int fragIndex)
    {
        return lengths[fragIndex] != 0;        // a fragment of a multi-fragment message is never empty
    }

    /**
     * Append a fragment's bytes, taking blocks from {@code pool} as they fill.
     */
    void append(
        final int fragIndex,
        final DirectBuffer source,
        final int sourceOffset,
        final int length,
        final FragmentBlockPool pool)
    {
        int position = (int)messageLength;
        offsets[fragIndex] = position;
        lengths[fragIndex] = length;
        int copied = 0;
        while (copied < length)
        {
            final int inBlock = position & BLOCK_MASK;
            if (inBlock == 0)
            {
                addBlock(pool.acquire());
            }
            final int chunk = Math.min(length - copied, BLOCK_LENGTH - inBlock);
            source.getBytes(sourceOffset + copied, blocks[position >>> BLOCK_SHIFT], inBlock, chunk);
            copied += chunk;
            position += chunk;
        }
        receivedFrags++;
        messageLength = position;
    }

    boolean isComplete()
    {
        return receivedFrags == totalFrags;
    }

    /**
     * Copy the message, fragment by fragment in index order, to the start of {@code destination}.
     *
     * @return the message length.
     */
    int copyTo(final MutableDirectBuffer destination)
    {
        int destinationOffset = 0;
        for (int i = 0; i < totalFrags; i++)
        {
            int position = offsets[i];
            int remaining = lengths[i];
            while (remaining > 0)
            {
                final int inBlock = position & BLOCK_MASK;
                final int chunk = Math.min(remaining, BLOCK_LENGTH - inBlock);
                destination.putBytes(destinationOffset, blocks[position >>> BLOCK_SHIFT], inBlock, chunk);
                destinationOffset += chunk;
                position += chunk;
                remaining -= chunk;
            }
        }
        return destinationOffset;
    }

    /**
     * Give the blocks back to {@code pool}, forget the fragments and drop arrays too large to pool.
     */
    void clear(final FragmentBlockPool pool)
    {
        for (int i = 0; i < blockCount; i++)
        {
            pool.release(blocks[i]);
            blocks[i] = null;
        }
        blockCount = 0;
        Arrays.fill(lengths, 0, totalFrags, 0);
        if (lengths.length > MAX_POOLED_FRAGMENTS)
        {
            offsets = null;
            lengths = null;
        }
        if (blocks.length > MAX_POOLED_BLOCKS)
        {
            blocks = null;
        }
        older = null;
        newer = null;
    }

    private void addBlock(final byte[] block)
    {
        if (blockCount == blocks.length)
        {
            blocks = Arrays.copyOf(blocks, 2 * blocks.length);
        }
        blocks[blockCount++] = block;
    }
}
