package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.RandomTrials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static dev.actr.codec.RandomTrials.between;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@link Reassembler} charges against {@code maxBytesHeld} and what it really keeps: a partial message is
 * charged its fragments' bytes plus a fixed overhead, so small fragments are held up to the real byte bound, a
 * fragment bomb stays within the bound with every eviction counted, and the fragment storage ever allocated never
 * exceeds the bound.
 */
class ReassemblerMemoryTest
{
    private static final long TTL_NS = 1_000_000;
    private static final long BLOCK = Reassembler.BLOCK_LENGTH;

    private final ManualNanoClock clock = new ManualNanoClock(0);
    private final List<byte[]> delivered = new ArrayList<>();
    private final List<Integer> deliveredIds = new ArrayList<>();
    private final MessageHandler recorder = (msgId, buffer, offset, length) ->
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        delivered.add(copy);
        deliveredIds.add(msgId);
    };
    private Reassembler reassembler = reassembler(ctx -> ctx);

    @Test
    void shouldChargeEachPartialItsFragmentBytesPlusFixedOverhead()
    {
        feedAll(Fragments.fragment(1, 0, 3, new byte[10]), Fragments.fragment(1, 2, 3, new byte[5000]),
            Fragments.fragment(2, 1, 40, new byte[1]));

        assertThat(reassembler.bytesHeld()).isEqualTo(
            PartialMessage.accountedBytes(3) + 10 + 5000 + PartialMessage.accountedBytes(40) + 1);
        assertThat(PartialMessage.accountedBytes(3)).isEqualTo(
            Reassembler.PARTIAL_MESSAGE_OVERHEAD_BYTES + 3 * Reassembler.FRAGMENT_OVERHEAD_BYTES);
        // 5,010 bytes of message 1 take two blocks, the byte of message 2 one more.
        assertThat(reassembler.blockBytesAllocated()).isEqualTo(3 * BLOCK).isLessThan(reassembler.bytesHeld());
    }

    @Test
    void shouldAcceptSmallFragmentsFromManyPartialMessagesUpToTheRealByteBound()
    {
        final long maxBytesHeld = 1024 * 1024;
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld).maxPartialMessages(10_000));
        final int total = 20;
        final int fragmentLength = 100;
        final long perMessage = PartialMessage.accountedBytes(total) + (total - 1) * fragmentLength;
        final int fitting = (int)(maxBytesHeld / perMessage);
        final List<List<byte[]>> messages = new ArrayList<>();
        for (int msgId = 0; msgId < fitting; msgId++)
        {
            messages.add(Fragments.split(msgId, Fragments.pattern(total * fragmentLength, msgId), fragmentLength));
        }

        for (final List<byte[]> fragments : messages)
        {
            feedAll(fragments.subList(0, total - 1).toArray(new byte[0][]));
        }

        // Over 3,000 small fragments are held, where charging a whole 65,527-byte DataChannel message per fragment
        // would have held 16.
        assertThat(fitting * (total - 1)).isGreaterThan(3000);
        assertThat(reassembler.partialMessages()).isEqualTo(fitting);
        assertThat(reassembler.evictionsForSpace()).isZero();
        assertThat(reassembler.bytesHeld()).isEqualTo(fitting * perMessage).isLessThanOrEqualTo(maxBytesHeld);
        assertThat(reassembler.blockBytesAllocated()).isLessThanOrEqualTo(reassembler.bytesHeld());

        // One more such partial message does not fit: the oldest makes room for it.
        final List<byte[]> extra = Fragments.split(fitting, new byte[total * fragmentLength], fragmentLength);
        feedAll(extra.subList(0, total - 1).toArray(new byte[0][]));
        assertThat(reassembler.evictionsForSpace()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isEqualTo(fitting);

        for (int msgId = 1; msgId < fitting; msgId++)
        {
            feedAll(messages.get(msgId).get(total - 1));
            assertThat(delivered.get(msgId - 1)).isEqualTo(Fragments.pattern(total * fragmentLength, msgId));
        }
        assertThat(delivered).hasSize(fitting - 1);
        assertThat(reassembler.partialMessages()).isEqualTo(1);
    }

    @Test
    void shouldKeepFragmentBombWithinMaxBytesHeldAndCountEveryEviction()
    {
        RandomTrials.run(8, random ->
        {
            final long maxBytesHeld = between(random, 140_000, 1024 * 1024);
            final int maxPartialMessages = RandomTrials.oneOf(random, 100_000, 1024, 50);
            clock.advance(TTL_NS);
            reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld).maxPartialMessages(maxPartialMessages));
            final int bombs = 4_000;

            for (int msgId = 0; msgId < bombs; msgId++)
            {
                // Never completed: one fragment of a message of 2 to 100 fragments, 1 to 2,000 bytes.
                final byte[] fragment = Fragments.fragment(
                    msgId, between(random, 0, 1), between(random, 2, 100), new byte[between(random, 1, 2000)]);
                final CodecStatus status = feed(fragment);
                // Plain checks: thousands of fragments per trial.
                if (status != CodecStatus.OK || reassembler.bytesHeld() < 0 || reassembler.bytesHeld() > maxBytesHeld ||
                    reassembler.blockBytesAllocated() > maxBytesHeld ||
                    reassembler.partialMessages() > maxPartialMessages)
                {
                    throw new AssertionError("fragment " + msgId + ": " + status + ", bytesHeld " +
                        reassembler.bytesHeld() + ", blocks " + reassembler.blockBytesAllocated() + ", partials " +
                        reassembler.partialMessages());
                }
            }

            final int held = reassembler.partialMessages();
            assertThat(reassembler.evictionsForSpace()).isEqualTo(bombs - held);
            // Held up to the real byte bound: all but the last two of the most that could fit at their largest.
            assertThat(held).isGreaterThanOrEqualTo((int)Math.min(maxPartialMessages,
                maxBytesHeld / (PartialMessage.accountedBytes(100) + 2000) - 2));
            assertThat(reassembler.fragmentsRejected()).isZero();
            assertThat(delivered).isEmpty();

            // A real message still gets through, and the bomb expires, counted, leaving nothing held.
            final byte[] message = Fragments.pattern(3000, 7);
            feedAll(Fragments.split(bombs, message, 1000).toArray(new byte[0][]));
            assertThat(delivered).containsExactly(message);
            final long evictedForSpace = reassembler.evictionsForSpace();
            clock.advance(TTL_NS);
            reassembler.expire();
            assertThat(reassembler.evictionsExpired() + reassembler.evictionsForSpace()).isEqualTo(bombs);
            assertThat(reassembler.evictionsForSpace()).isEqualTo(evictedForSpace);
            assertThat(reassembler.bytesHeld()).isZero();
            assertThat(reassembler.partialMessages()).isZero();
            delivered.clear();
            deliveredIds.clear();
        });
    }

    @Test
    void shouldDropMessageThatGrowsPastWhatMaxBytesHeldCanHoldAloneWithoutEvictingOthers()
    {
        final long maxBytesHeld = 2L * MAX_FRAGMENT_PAYLOAD_LENGTH + PartialMessage.accountedBytes(2);
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld));
        final byte[] small = Fragments.pattern(20, 1);
        final List<byte[]> held = Fragments.split(1, small, 10);
        final List<byte[]> large = Fragments.split(2, Fragments.pattern(3 * MAX_FRAGMENT_PAYLOAD_LENGTH, 2),
            MAX_FRAGMENT_PAYLOAD_LENGTH);
        feedAll(held.get(0), large.get(0));
        final long smallHeld = PartialMessage.accountedBytes(2) + 10;
        assertThat(reassembler.bytesHeld()).isEqualTo(smallHeld + PartialMessage.accountedBytes(3) + MAX_FRAGMENT_PAYLOAD_LENGTH);

        // Two full fragments and a three-fragment index are more than maxBytesHeld holds even alone.
        assertThat(feed(large.get(1))).isEqualTo(CodecStatus.REASSEMBLY_FULL);

        assertThat(reassembler.evictionsForSpace()).isZero();
        assertThat(reassembler.partialMessages()).isEqualTo(1);
        assertThat(reassembler.bytesHeld()).isEqualTo(smallHeld);
        assertThat(reassembler.fragmentsRejected()).isEqualTo(1);
        feedAll(held.get(1));
        assertThat(delivered).containsExactly(small);
        assertThat(reassembler.bytesHeld()).isZero();
    }

    @Test
    void shouldReassembleFragmentsOfEverySizeAcrossBlockBoundariesInAnyOrder()
    {
        RandomTrials.run(100, random ->
        {
            reassembler = reassembler(ctx -> ctx);
            delivered.clear();
            final List<byte[]> fragments = new ArrayList<>();
            final int total = between(random, 2, 40);
            int messageLength = 0;
            for (int i = 0; i < total; i++)
            {
                final byte[] payload = RandomTrials.bytes(random, fragmentLength(random));
                fragments.add(Fragments.fragment(77, i, total, payload));
                messageLength += payload.length;
            }
            final byte[] message = concatPayloads(fragments, messageLength);
            Collections.shuffle(fragments, random);

            long bytes = 0;
            for (int i = 0; i < total - 1; i++)
            {
                feedAll(fragments.get(i));
                bytes += fragments.get(i).length - FragmentDescriptor.HEADER_LENGTH;
                assertThat(reassembler.bytesHeld()).isEqualTo(PartialMessage.accountedBytes(total) + bytes);
                assertThat(reassembler.blockBytesAllocated()).isEqualTo((bytes + BLOCK - 1) / BLOCK * BLOCK);
            }
            feedAll(fragments.get(total - 1));

            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0)).isEqualTo(message);
            assertThat(reassembler.bytesHeld()).isZero();
        });
    }

    private static int fragmentLength(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return RandomTrials.oneOf(random, 1, (int)BLOCK - 1, (int)BLOCK, (int)BLOCK + 1, 2 * (int)BLOCK,
                    MAX_FRAGMENT_PAYLOAD_LENGTH);
            case 1:
                return between(random, 1, MAX_FRAGMENT_PAYLOAD_LENGTH);
            default:
                return between(random, 1, 300);
        }
    }

    private static byte[] concatPayloads(final List<byte[]> fragments, final int messageLength)
    {
        final byte[] message = new byte[messageLength];
        int position = 0;
        for (final byte[] fragment : fragments)
        {
            final int length = fragment.length - FragmentDescriptor.HEADER_LENGTH;
            System.arraycopy(fragment, FragmentDescriptor.HEADER_LENGTH, message, position, length);
            position += length;
        }
        return message;
    }

    private Reassembler reassembler(final UnaryOperator<ReassemblyContext> settings)
    {
        return new Reassembler(settings.apply(new ReassemblyContext().nanoClock(clock).ttlNs(TTL_NS)));
    }

    private CodecStatus feed(final byte[] fragment)
    {
        return reassembler.onFragment(new UnsafeBuffer(fragment), 0, fragment.length, recorder);
    }

    private void feedAll(final byte[]... fragments)
    {
        for (final byte[] fragment : fragments)
        {
            assertThat(feed(fragment)).isEqualTo(CodecStatus.OK);
        }
    }
}
