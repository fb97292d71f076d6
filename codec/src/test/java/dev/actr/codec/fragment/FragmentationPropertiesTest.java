package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.RandomTrials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.actr.codec.RandomTrials.between;
import static dev.actr.codec.fragment.FragmentDescriptor.HEADER_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link Fragmenter} and {@link Reassembler} together: whatever the message, the fragment size, the
 * arrival order, duplicates and interleaving, the message comes out once and intact and nothing stays held.
 */
class FragmentationPropertiesTest
{
    private static final int MAX_MESSAGE_LENGTH = 300 * 1024;
    /** At most this many fragments per message, to keep each trial quick. */
    private static final int MAX_FRAGMENTS_PER_MESSAGE = 400;

    @Test
    void shouldDeliverEveryMessageOnceAndIntactWhateverTheArrivalOrder()
    {
        RandomTrials.run(200, FragmentationPropertiesTest::shuffledDuplicatedInterleavedMessagesSurvive);
    }

    @Test
    void shouldEmitFragmentsWithinMaxFragmentLengthWithFullFragmentsBeforeTheLast()
    {
        RandomTrials.run(300, random ->
        {
            final int maxFragmentLength = fragmentLength(random);
            final int payload = maxFragmentLength - HEADER_LENGTH;
            final byte[] message = RandomTrials.bytes(random, messageLength(random, payload));
            final Fragmenter fragmenter = new Fragmenter(maxFragmentLength, MAX_MESSAGE_LENGTH);
            final List<byte[]> fragments = fragment(fragmenter, message);

            assertThat(fragments).hasSize((int)fragmenter.fragmentCount(message.length));
            final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();
            int position = 0;
            for (int i = 0; i < fragments.size(); i++)
            {
                final byte[] fragment = fragments.get(i);
                assertThat(fragment.length).isLessThanOrEqualTo(maxFragmentLength);
                assertThat(header.wrap(new UnsafeBuffer(fragment), 0, fragment.length)).isEqualTo(CodecStatus.OK);
                assertThat(header.fragIndex()).isEqualTo(i);
                assertThat(header.totalFrags()).isEqualTo(fragments.size());
                if (i < fragments.size() - 1)
                {
                    assertThat(header.payloadLength()).isEqualTo(payload);
                }
                for (int j = 0; j < header.payloadLength(); j++)
                {
                    assertThat(fragment[HEADER_LENGTH + j]).isEqualTo(message[position++]);
                }
            }
            assertThat(position).isEqualTo(message.length);
        });
    }

    private static void shuffledDuplicatedInterleavedMessagesSurvive(final Random random)
    {
        final int maxFragmentLength = fragmentLength(random);
        final int payload = maxFragmentLength - HEADER_LENGTH;
        final Fragmenter fragmenter = new Fragmenter(maxFragmentLength, MAX_MESSAGE_LENGTH);
        final byte[] first = RandomTrials.bytes(random, messageLength(random, payload));
        final byte[] second = RandomTrials.bytes(random, messageLength(random, payload));
        // Message ids are u32 and wrap: start anywhere, including right below 2^32.
        final int firstId = RandomTrials.oneOf(random, -1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, random.nextInt());
        final int secondId = firstId + 1;
        final List<byte[]> firstFragments = withMsgId(fragment(fragmenter, first), firstId);
        final List<byte[]> secondFragments = withMsgId(fragment(fragmenter, second), secondId);

        final List<byte[]> arrivals = new ArrayList<>(firstFragments);
        arrivals.addAll(secondFragments);
        Collections.shuffle(arrivals, random);
        final int duplicates = addDuplicatesBeforeCompletion(random, arrivals, firstFragments) +
            addDuplicatesBeforeCompletion(random, arrivals, secondFragments);

        final ManualNanoClock clock = new ManualNanoClock(random.nextLong());
        final ReassemblyContext ctx = new ReassemblyContext().nanoClock(clock);
        final Reassembler reassembler = new Reassembler(ctx);
        final Map<Integer, List<byte[]>> delivered = new HashMap<>();
        final MessageHandler handler = (msgId, buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            delivered.computeIfAbsent(msgId, id -> new ArrayList<>()).add(copy);
        };
        int rejectedAsDuplicate = 0;
        for (final byte[] fragment : arrivals)
        {
            final CodecStatus status = reassembler.onFragment(new UnsafeBuffer(fragment), 0, fragment.length, handler);
            if (status == CodecStatus.DUPLICATE_FRAGMENT)
            {
                rejectedAsDuplicate++;
            }
            else
            {
                assertThat(status).isEqualTo(CodecStatus.OK);
            }
            assertThat(reassembler.bytesHeld()).isBetween(0L, ctx.maxBytesHeld());
            assertThat(reassembler.blockBytesAllocated()).isLessThanOrEqualTo(ctx.maxBytesHeld());
            clock.advance(between(random, 0, 1000));
        }

        assertThat(rejectedAsDuplicate).isEqualTo(duplicates);
        assertThat(delivered).containsOnlyKeys(firstId, secondId);
        assertThat(delivered.get(firstId)).hasSize(1);
        assertThat(delivered.get(firstId).get(0)).isEqualTo(first);
        assertThat(delivered.get(secondId)).hasSize(1);
        assertThat(delivered.get(secondId).get(0)).isEqualTo(second);
        assertThat(reassembler.bytesHeld()).isZero();
        assertThat(reassembler.partialMessages()).isZero();
        assertThat(reassembler.messagesCompleted()).isEqualTo(2);
        assertThat(reassembler.fragmentsRejected()).isEqualTo(duplicates);
        assertThat(reassembler.evictionsForSpace() + reassembler.evictionsExpired()).isZero();
    }

    /**
     * A duplicate that arrives after its message completed would open a new partial message (the reassembler keeps
     * no memory of completed ids, as single-fragment messages have none either), so duplicates go anywhere before
     * the fragment that completes the message.
     *
     * @return how many duplicates were added.
     */
    private static int addDuplicatesBeforeCompletion(
        final Random random, final List<byte[]> arrivals, final List<byte[]> fragments)
    {
        if (fragments.size() < 2)
        {
            return 0;
        }
        final int count = random.nextInt(4);
        for (int i = 0; i < count; i++)
        {
            int lastArrival = 0;
            for (int j = 0; j < arrivals.size(); j++)
            {
                if (fragments.contains(arrivals.get(j)))
                {
                    lastArrival = j;
                }
            }
            // Never the last arriving fragment itself: a copy of it placed earlier would complete the message
            // early and turn the original into a late duplicate.
            final byte[] last = arrivals.get(lastArrival);
            byte[] original;
            do
            {
                original = fragments.get(random.nextInt(fragments.size()));
            }
            while (original == last);
            arrivals.add(random.nextInt(lastArrival + 1), original.clone());
        }
        return count;
    }

    private static int fragmentLength(final Random random)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return MAX_FRAGMENT_LENGTH;
            case 1:
            case 2:
                return 1000;
            case 3:
                return between(random, 1000, MAX_FRAGMENT_LENGTH);
            default:
                return between(random, HEADER_LENGTH + 1, 64);
        }
    }

    private static int messageLength(final Random random, final int payloadPerFragment)
    {
        final int max = (int)Math.min(MAX_MESSAGE_LENGTH, (long)MAX_FRAGMENTS_PER_MESSAGE * payloadPerFragment);
        switch (random.nextInt(4))
        {
            case 0:
                // At a fragment boundary: 0, 1, p - 1, p, p + 1, 2p, 2p + 1 ...
                final int multiple = between(random, 0, Math.min(3, max / payloadPerFragment));
                return Math.max(0, Math.min(max, multiple * payloadPerFragment + between(random, -1, 1)));
            default:
                return RandomTrials.sizeUpTo(random, max);
        }
    }

    private static List<byte[]> fragment(final Fragmenter fragmenter, final byte[] message)
    {
        final List<byte[]> fragments = new ArrayList<>();
        final CodecStatus status = fragmenter.fragment(
            new UnsafeBuffer(message), 0, message.length,
            (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                fragments.add(copy);
            });
        assertThat(status).isEqualTo(CodecStatus.OK);
        return fragments;
    }

    private static List<byte[]> withMsgId(final List<byte[]> fragments, final int msgId)
    {
        for (final byte[] fragment : fragments)
        {
            new UnsafeBuffer(fragment).putInt(FragmentDescriptor.MSG_ID_OFFSET, msgId, ByteOrder.BIG_ENDIAN);
        }
        return fragments;
    }
}
