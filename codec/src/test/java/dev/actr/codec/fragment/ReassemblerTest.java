package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.actr.codec.fragment.FragmentDescriptor.HEADER_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReassemblerTest
{
    private static final long TTL_NS = 1_000_000;
    /** A full fragment's payload. */
    private static final long SLOT = MAX_FRAGMENT_PAYLOAD_LENGTH;
    private static final long BLOCK = Reassembler.BLOCK_LENGTH;

    private final ManualNanoClock clock = new ManualNanoClock(5_000_000_000L);
    private final List<Delivered> delivered = new ArrayList<>();
    private final MessageHandler recorder =
        (msgId, buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            delivered.add(new Delivered(msgId, copy, buffer, offset));
        };
    private Reassembler reassembler = reassembler(ctx -> ctx);

    @Test
    void shouldReassembleFragmentsArrivingInOrder()
    {
        final byte[] message = Fragments.pattern(200, 1);

        for (final byte[] fragment : Fragments.split(42, message, 70))
        {
            assertThat(feed(fragment)).isEqualTo(CodecStatus.OK);
        }

        assertDeliveredOnce(42, message);
        assertNothingHeld();
        assertThat(reassembler.messagesCompleted()).isEqualTo(1);
        assertThat(reassembler.fragmentsRejected()).isZero();
    }

    @Test
    void shouldReassembleFragmentsArrivingInReverseOrder()
    {
        final byte[] message = Fragments.pattern(1000, 2);
        final List<byte[]> fragments = Fragments.split(7, message, 99);
        Collections.reverse(fragments);

        for (int i = 0; i < fragments.size(); i++)
        {
            assertThat(feed(fragments.get(i))).isEqualTo(CodecStatus.OK);
            assertThat(delivered).hasSize(i == fragments.size() - 1 ? 1 : 0);
        }

        assertDeliveredOnce(7, message);
        assertNothingHeld();
    }

    @Test
    void shouldReassembleInterleavedMessages()
    {
        final byte[] first = Fragments.pattern(300, 3);
        final byte[] second = Fragments.pattern(250, 4);
        final List<byte[]> a = Fragments.split(0xFFFF_FFFF, first, 100);
        final List<byte[]> b = Fragments.split(0, second, 100);

        feedAll(a.get(2), b.get(0), a.get(0), b.get(2), b.get(1), a.get(1));

        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0).msgId).isEqualTo(0);
        assertThat(delivered.get(0).bytes).isEqualTo(second);
        assertThat(delivered.get(1).msgId).isEqualTo(0xFFFF_FFFF);
        assertThat(delivered.get(1).bytes).isEqualTo(first);
        assertNothingHeld();
        assertThat(reassembler.messagesCompleted()).isEqualTo(2);
    }

    @Test
    void shouldReassembleFullSizeFragmentsFromFragmenter()
    {
        final byte[] message = Fragments.pattern(200 * 1024, 5);
        final Fragmenter fragmenter = new Fragmenter();
        final List<CodecStatus> statuses = new ArrayList<>();

        fragmenter.fragment(
            new UnsafeBuffer(message), 0, message.length,
            (buffer, offset, length) -> statuses.add(reassembler.onFragment(buffer, offset, length, recorder)));

        assertThat(statuses).hasSize(4).containsOnly(CodecStatus.OK);
        assertDeliveredOnce(0, message);
        assertNothingHeld();
    }

    @Test
    void shouldDeliverSingleFragmentMessageFromCallersBufferWithoutHoldingMemory()
    {
        final byte[] backing = new byte[64];
        final byte[] fragment = Fragments.fragment(9, 0, 1, Fragments.pattern(20, 6));
        System.arraycopy(fragment, 0, backing, 10, fragment.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(backing);
        final long[] heldDuringCallback = {-1, -1};

        final CodecStatus status = reassembler.onFragment(
            buffer, 10, fragment.length,
            (msgId, b, offset, length) ->
            {
                heldDuringCallback[0] = reassembler.bytesHeld();
                heldDuringCallback[1] = reassembler.partialMessages();
                recorder.onMessage(msgId, b, offset, length);
            });

        assertThat(status).isEqualTo(CodecStatus.OK);
        assertDeliveredOnce(9, Fragments.pattern(20, 6));
        assertThat(delivered.get(0).buffer).isSameAs(buffer);
        assertThat(delivered.get(0).offset).isEqualTo(10 + HEADER_LENGTH);
        assertThat(heldDuringCallback).containsExactly(0, 0);
        assertThat(reassembler.blockBytesAllocated()).isZero();
        assertThat(reassembler.messagesCompleted()).isEqualTo(1);
        assertNothingHeld();
    }

    @Test
    void shouldDeliverEmptySingleFragmentMessage()
    {
        assertThat(feed(Fragments.fragment(3, 0, 1, new byte[0]))).isEqualTo(CodecStatus.OK);

        assertDeliveredOnce(3, new byte[0]);
        assertNothingHeld();
    }

    @Test
    void shouldRejectDuplicateFragmentAndStillCompleteMessageExactlyOnce()
    {
        final byte[] message = Fragments.pattern(30, 7);
        final List<byte[]> fragments = Fragments.split(5, message, 10);

        assertThat(feed(fragments.get(0))).isEqualTo(CodecStatus.OK);
        assertThat(feed(fragments.get(1))).isEqualTo(CodecStatus.OK);
        final long heldBeforeDuplicate = reassembler.bytesHeld();
        assertThat(feed(fragments.get(1))).isEqualTo(CodecStatus.DUPLICATE_FRAGMENT);
        assertThat(feed(fragments.get(0))).isEqualTo(CodecStatus.DUPLICATE_FRAGMENT);

        assertThat(reassembler.fragmentsRejected()).isEqualTo(2);
        assertThat(reassembler.bytesHeld()).isEqualTo(heldBeforeDuplicate);
        assertThat(delivered).isEmpty();
        assertThat(feed(fragments.get(2))).isEqualTo(CodecStatus.OK);
        assertDeliveredOnce(5, message);
        assertThat(reassembler.messagesCompleted()).isEqualTo(1);
        assertNothingHeld();
    }

    @Test
    void shouldRejectDuplicateWhoseBytesDifferWithoutReplacingOriginal()
    {
        final byte[] message = Fragments.pattern(20, 8);
        final List<byte[]> fragments = Fragments.split(5, message, 10);

        feedAll(fragments.get(0));
        assertThat(feed(Fragments.fragment(5, 0, 2, new byte[10]))).isEqualTo(CodecStatus.DUPLICATE_FRAGMENT);
        feedAll(fragments.get(1));

        assertDeliveredOnce(5, message);
    }

    @Test
    void shouldRejectFragmentWhoseTotalDisagreesWithEarlierFragment()
    {
        final byte[] message = Fragments.pattern(30, 9);
        final List<byte[]> fragments = Fragments.split(11, message, 10);
        feedAll(fragments.get(0));
        final long held = reassembler.bytesHeld();

        assertThat(feed(Fragments.fragment(11, 1, 4, new byte[10]))).isEqualTo(CodecStatus.TOTAL_MISMATCH);
        assertThat(feed(Fragments.fragment(11, 1, 2, new byte[10]))).isEqualTo(CodecStatus.TOTAL_MISMATCH);

        assertThat(reassembler.fragmentsRejected()).isEqualTo(2);
        assertThat(reassembler.bytesHeld()).isEqualTo(held);
        feedAll(fragments.get(1), fragments.get(2));
        assertDeliveredOnce(11, message);
        assertNothingHeld();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 65535})
    void shouldRejectFragmentIndexAtOrAboveTotalWithoutOpeningPartial(final int fragIndex)
    {
        assertThat(feed(Fragments.fragment(1, fragIndex, 3, new byte[] {1})))
            .isEqualTo(CodecStatus.FRAGMENT_INDEX_OUT_OF_RANGE);

        assertThat(reassembler.fragmentsRejected()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isZero();
        assertThat(reassembler.bytesHeld()).isZero();
    }

    @Test
    void shouldRejectZeroTotalFragmentsWithoutOpeningPartial()
    {
        assertThat(feed(Fragments.fragment(1, 0, 0, new byte[] {1}))).isEqualTo(CodecStatus.ZERO_TOTAL_FRAGMENTS);

        assertThat(reassembler.fragmentsRejected()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isZero();
        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldRejectEmptyAndTruncatedFragments()
    {
        assertThat(feed(Fragments.fragment(1, 0, 2, new byte[0]))).isEqualTo(CodecStatus.EMPTY_FRAGMENT);
        assertThat(reassembler.onFragment(new UnsafeBuffer(new byte[7]), 0, 7, recorder))
            .isEqualTo(CodecStatus.TRUNCATED);

        assertThat(reassembler.fragmentsRejected()).isEqualTo(2);
        assertThat(reassembler.partialMessages()).isZero();
    }

    @Test
    void shouldEvictPartialOlderThanTtlOnNextFragmentAndStartFreshPartialForItsLateFragment()
    {
        final List<byte[]> stale = Fragments.split(1, Fragments.pattern(20, 1), 10);
        final List<byte[]> other = Fragments.split(2, Fragments.pattern(20, 2), 10);
        feedAll(stale.get(0));

        clock.advance(TTL_NS + 1);
        assertThat(feed(other.get(0))).isEqualTo(CodecStatus.OK);

        assertThat(reassembler.evictionsExpired()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isEqualTo(1);
        assertThat(reassembler.bytesHeld()).isEqualTo(PartialMessage.accountedBytes(2) + 10);

        assertThat(feed(stale.get(1))).isEqualTo(CodecStatus.OK);
        assertThat(delivered).isEmpty();
        assertThat(reassembler.partialMessages()).isEqualTo(2);
        assertThat(reassembler.messagesCompleted()).isZero();
    }

    @Test
    void shouldKeepPartialYoungerThanTtl()
    {
        final byte[] message = Fragments.pattern(20, 1);
        final List<byte[]> fragments = Fragments.split(1, message, 10);
        feedAll(fragments.get(0));

        clock.advance(TTL_NS - 1);
        assertThat(reassembler.expire()).isZero();
        feedAll(fragments.get(1));

        assertThat(reassembler.evictionsExpired()).isZero();
        assertDeliveredOnce(1, message);
    }

    @Test
    void shouldMeasureTtlFromFirstFragmentNotLatest()
    {
        final List<byte[]> fragments = Fragments.split(1, Fragments.pattern(30, 1), 10);
        feedAll(fragments.get(0));
        clock.advance(TTL_NS / 2);
        feedAll(fragments.get(1));

        clock.advance(TTL_NS / 2 + 1);

        assertThat(reassembler.expire()).isEqualTo(1);
        assertThat(reassembler.evictionsExpired()).isEqualTo(1);
        assertNothingHeld();
    }

    @Test
    void shouldEvictExpiredPartialsOnExpireCall()
    {
        feedAll(Fragments.fragment(1, 0, 2, new byte[] {1}));
        clock.advance(TTL_NS / 2);
        feedAll(Fragments.fragment(2, 0, 2, new byte[] {2}));
        clock.advance(TTL_NS / 2 + 1);

        assertThat(reassembler.expire()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isEqualTo(1);
        clock.advance(TTL_NS / 2);
        assertThat(reassembler.expire()).isEqualTo(1);

        assertThat(reassembler.evictionsExpired()).isEqualTo(2);
        assertThat(reassembler.evictionsForSpace()).isZero();
        assertNothingHeld();
        assertThat(reassembler.expire()).isZero();
    }

    @Test
    void shouldEvictExpiredPartialWhenSingleFragmentMessageArrives()
    {
        feedAll(Fragments.fragment(1, 0, 2, new byte[] {1}));
        clock.advance(TTL_NS + 1);

        assertThat(feed(Fragments.fragment(2, 0, 1, new byte[] {2}))).isEqualTo(CodecStatus.OK);

        assertThat(reassembler.evictionsExpired()).isEqualTo(1);
        assertNothingHeld();
        assertDeliveredOnce(2, new byte[] {2});
    }

    @Test
    void shouldEvictOldestPartialWhenOpeningOneMoreThanMaxPartialMessages()
    {
        reassembler = reassembler(ctx -> ctx.maxPartialMessages(2));
        final byte[] second = Fragments.pattern(20, 2);
        final byte[] third = Fragments.pattern(20, 3);
        final List<byte[]> a = Fragments.split(1, Fragments.pattern(20, 1), 10);
        final List<byte[]> b = Fragments.split(2, second, 10);
        final List<byte[]> c = Fragments.split(3, third, 10);
        feedAll(a.get(0), b.get(0));

        assertThat(feed(c.get(0))).isEqualTo(CodecStatus.OK);

        assertThat(reassembler.evictionsForSpace()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isEqualTo(2);
        feedAll(b.get(1), c.get(1));
        assertThat(delivered).extracting(d -> d.msgId).containsExactly(2, 3);
        assertThat(delivered.get(0).bytes).isEqualTo(second);
        assertThat(delivered.get(1).bytes).isEqualTo(third);
        assertNothingHeld();

        assertThat(feed(a.get(1))).isEqualTo(CodecStatus.OK);
        assertThat(delivered).hasSize(2);
        assertThat(reassembler.partialMessages()).isEqualTo(1);
    }

    @Test
    void shouldEvictOldestPartialToStayWithinMaxBytesHeld()
    {
        final int fragment = 40_000;
        final long maxBytesHeld = 3 * fragment + 2 * PartialMessage.accountedBytes(3) + fragment / 2;
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld));
        final byte[] wanted = Fragments.pattern(3 * fragment, 2);
        final List<byte[]> a = Fragments.split(1, Fragments.pattern(3 * fragment, 1), fragment);
        final List<byte[]> b = Fragments.split(2, wanted, fragment);

        feedAll(a.get(0), a.get(1), b.get(0));
        assertThat(reassembler.bytesHeld()).isEqualTo(3 * fragment + 2 * PartialMessage.accountedBytes(3));
        assertThat(reassembler.evictionsForSpace()).isZero();

        assertThat(feed(b.get(1))).isEqualTo(CodecStatus.OK);
        assertThat(reassembler.evictionsForSpace()).isEqualTo(1);
        assertThat(reassembler.partialMessages()).isEqualTo(1);
        assertThat(reassembler.bytesHeld()).isEqualTo(2 * fragment + PartialMessage.accountedBytes(3));

        assertThat(feed(a.get(2))).isEqualTo(CodecStatus.OK);
        assertThat(reassembler.partialMessages()).isEqualTo(2);
        assertThat(feed(b.get(2))).isEqualTo(CodecStatus.OK);

        assertThat(reassembler.evictionsForSpace()).isEqualTo(2);
        assertDeliveredOnce(2, wanted);
        assertNothingHeld();
        assertThat(reassembler.blockBytesAllocated()).isLessThanOrEqualTo(maxBytesHeld);
    }

    @Test
    void shouldNeverHoldOrAllocateMoreThanMaxBytesHeldUnderManyPartials()
    {
        final long maxBytesHeld = 4 * SLOT + 1000;
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld));
        // Each partial holds three 1-byte fragments of four: that many fit, the older ones are evicted.
        final int fitting = (int)(maxBytesHeld / (PartialMessage.accountedBytes(4) + 3));
        final int messages = fitting + 49;

        for (int msgId = 0; msgId < messages; msgId++)
        {
            for (int index = 0; index < 3; index++)
            {
                assertThat(feed(Fragments.fragment(msgId, index, 4, new byte[] {(byte)index}))).isEqualTo(CodecStatus.OK);
                assertThat(reassembler.bytesHeld()).isLessThanOrEqualTo(maxBytesHeld);
                assertThat(reassembler.blockBytesAllocated()).isLessThanOrEqualTo(maxBytesHeld);
            }
        }

        assertThat(delivered).isEmpty();
        assertThat(reassembler.evictionsForSpace()).isEqualTo(49);
        assertThat(reassembler.partialMessages()).isEqualTo(fitting);
    }

    @Test
    void shouldRejectMessageThatCanNeverFitInMaxBytesHeldWithoutEvictingOthers()
    {
        final long maxBytesHeld = 4 * SLOT + 1000;
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld));
        final byte[] wanted = Fragments.pattern(20, 1);
        final List<byte[]> held = Fragments.split(1, wanted, 10);
        feedAll(held.get(0));
        final long heldBefore = reassembler.bytesHeld();

        // 30,000 fragments of at least one byte each, and their index: more than 4 * SLOT + 1000 can ever hold.
        assertThat(PartialMessage.accountedBytes(30_000) + 30_000).isGreaterThan(maxBytesHeld);
        assertThat(feed(Fragments.fragment(2, 0, 30_000, new byte[] {1}))).isEqualTo(CodecStatus.REASSEMBLY_FULL);
        assertThat(feed(Fragments.fragment(3, 0, 65535, new byte[] {1}))).isEqualTo(CodecStatus.REASSEMBLY_FULL);

        assertThat(reassembler.evictionsForSpace()).isZero();
        assertThat(reassembler.partialMessages()).isEqualTo(1);
        assertThat(reassembler.bytesHeld()).isEqualTo(heldBefore);
        assertThat(reassembler.fragmentsRejected()).isEqualTo(2);
        feedAll(held.get(1));
        assertDeliveredOnce(1, wanted);
        assertNothingHeld();
    }

    @Test
    void shouldReassembleLargestMessageThatFitsInMaxBytesHeld()
    {
        final long maxBytesHeld = 4 * SLOT + PartialMessage.accountedBytes(4);
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld));
        final byte[] message = Fragments.pattern(4 * MAX_FRAGMENT_PAYLOAD_LENGTH, 3);

        feedAll(Fragments.split(1, message, MAX_FRAGMENT_PAYLOAD_LENGTH).toArray(new byte[0][]));

        assertDeliveredOnce(1, message);
        assertNothingHeld();
        assertThat(reassembler.blockBytesAllocated()).isEqualTo((4 * SLOT + BLOCK - 1) / BLOCK * BLOCK)
            .isLessThanOrEqualTo(maxBytesHeld);

        // One byte less and the last fragment cannot be held: the message is dropped.
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(maxBytesHeld - 1));
        final List<byte[]> fragments = Fragments.split(2, message, MAX_FRAGMENT_PAYLOAD_LENGTH);
        feedAll(fragments.get(0), fragments.get(1), fragments.get(2));
        assertThat(feed(fragments.get(3))).isEqualTo(CodecStatus.REASSEMBLY_FULL);
        assertThat(delivered).hasSize(1);
        assertNothingHeld();
    }

    @Test
    void shouldReassembleTwoFullFragmentsWithSmallestAllowedMaxBytesHeld()
    {
        final long smallest = smallestAllowedMaxBytesHeld();
        reassembler = reassembler(ctx -> ctx.maxBytesHeld(smallest));
        final byte[] message = Fragments.pattern(2 * MAX_FRAGMENT_PAYLOAD_LENGTH, 4);

        for (final byte[] fragment : Fragments.split(1, message, MAX_FRAGMENT_PAYLOAD_LENGTH))
        {
            assertThat(feed(fragment)).isEqualTo(CodecStatus.OK);
        }

        assertDeliveredOnce(1, message);
        assertNothingHeld();
    }

    @Test
    void shouldDropMessageLargerThanMaxMessageLength()
    {
        reassembler = reassembler(ctx -> ctx.maxMessageLength(150));
        final List<byte[]> fragments = Fragments.split(1, Fragments.pattern(210, 1), 70);
        feedAll(fragments.get(0), fragments.get(1));

        assertThat(feed(fragments.get(2))).isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);

        assertThat(reassembler.messagesTooLarge()).isEqualTo(1);
        assertThat(reassembler.fragmentsRejected()).isEqualTo(1);
        assertThat(delivered).isEmpty();
        assertNothingHeld();
    }

    @Test
    void shouldDeliverMessageOfExactlyMaxMessageLength()
    {
        reassembler = reassembler(ctx -> ctx.maxMessageLength(150));
        final byte[] message = Fragments.pattern(150, 1);

        feedAll(Fragments.split(1, message, 70).toArray(new byte[0][]));
        feedAll(Fragments.fragment(2, 0, 1, message));

        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0).bytes).isEqualTo(message);
        assertThat(delivered.get(1).bytes).isEqualTo(message);
        assertThat(reassembler.messagesTooLarge()).isZero();
    }

    @Test
    void shouldRejectSingleFragmentMessageLargerThanMaxMessageLength()
    {
        reassembler = reassembler(ctx -> ctx.maxMessageLength(150));

        assertThat(feed(Fragments.fragment(1, 0, 1, new byte[151]))).isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);

        assertThat(reassembler.messagesTooLarge()).isEqualTo(1);
        assertThat(reassembler.fragmentsRejected()).isEqualTo(1);
        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldReturnBytesHeldToZeroAfterEveryCompletedOrDroppedMessage()
    {
        reassembler = reassembler(ctx -> ctx.maxMessageLength(100));

        feedAll(Fragments.split(1, Fragments.pattern(90, 1), 30).toArray(new byte[0][]));
        assertNothingHeld();
        final List<byte[]> tooLarge = Fragments.split(2, Fragments.pattern(120, 1), 30);
        feedAll(tooLarge.get(0), tooLarge.get(1), tooLarge.get(2));
        assertThat(feed(tooLarge.get(3))).isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);
        assertNothingHeld();
        feedAll(Fragments.fragment(3, 0, 2, new byte[] {1}));
        clock.advance(TTL_NS + 1);
        reassembler.expire();
        assertNothingHeld();

        assertThat(delivered).hasSize(1);
        assertThat(reassembler.messagesTooLarge()).isEqualTo(1);
        assertThat(reassembler.evictionsExpired()).isEqualTo(1);
    }

    @Test
    void shouldAllocateNoMoreBlocksForSecondIdenticalMessage()
    {
        final byte[] message = Fragments.pattern(500, 1);

        feedAll(Fragments.split(1, message, 100).toArray(new byte[0][]));
        final long allocatedAfterFirst = reassembler.blockBytesAllocated();
        feedAll(Fragments.split(2, message, 100).toArray(new byte[0][]));

        assertThat(allocatedAfterFirst).isEqualTo(BLOCK);        // five 100-byte fragments share one block
        assertThat(reassembler.blockBytesAllocated()).isEqualTo(allocatedAfterFirst);
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(1).bytes).isEqualTo(message);
    }

    @Test
    void shouldConcludeDocumentedDefaults()
    {
        final ReassemblyContext ctx = new ReassemblyContext().conclude();

        assertThat(ctx.ttlNs()).isEqualTo(30_000_000_000L);
        assertThat(ctx.maxPartialMessages()).isEqualTo(1024);
        assertThat(ctx.maxBytesHeld()).isEqualTo(64L * 1024 * 1024);
        assertThat(ctx.maxMessageLength()).isEqualTo(16 * 1024 * 1024);
        assertThat(ctx.nanoClock()).isNotNull();
        assertThat(ctx.toString()).contains("ttlNs=30000000000", "maxBytesHeld=67108864");
    }

    @Test
    void shouldRejectBadSettingsOnConclude()
    {
        assertBadSetting(new ReassemblyContext().ttlNs(0), "ttlNs");
        assertBadSetting(new ReassemblyContext().ttlNs(-1), "ttlNs");
        assertBadSetting(new ReassemblyContext().maxPartialMessages(0), "maxPartialMessages");
        assertBadSetting(new ReassemblyContext().maxMessageLength(0), "maxMessageLength");
        assertBadSetting(new ReassemblyContext().maxMessageLength(-1), "maxMessageLength");
        assertBadSetting(new ReassemblyContext().maxBytesHeld(smallestAllowedMaxBytesHeld() - 1), "maxBytesHeld");
        assertBadSetting(new ReassemblyContext().maxBytesHeld(0), "maxBytesHeld");
        assertBadSetting(new ReassemblyContext().nanoClock(null), "nanoClock");
        assertThat(new ReassemblyContext().maxBytesHeld(smallestAllowedMaxBytesHeld()).conclude()).isNotNull();
    }

    @Test
    void shouldConcludeContextWhenConstructed()
    {
        assertThatThrownBy(() -> new Reassembler(new ReassemblyContext().maxPartialMessages(-1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("maxPartialMessages");
    }

    private static long smallestAllowedMaxBytesHeld()
    {
        return 2 * SLOT + PartialMessage.accountedBytes(2);
    }

    private static void assertBadSetting(final ReassemblyContext ctx, final String setting)
    {
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(setting);
    }

    private Reassembler reassembler(final UnaryOperator<ReassemblyContext> settings)
    {
        return new Reassembler(settings.apply(new ReassemblyContext().nanoClock(clock).ttlNs(TTL_NS)));
    }

    private CodecStatus feed(final byte[] fragment)
    {
        // Place the fragment at an offset inside a larger buffer, as a lane's receive buffer would.
        final byte[] backing = new byte[fragment.length + 5];
        System.arraycopy(fragment, 0, backing, 3, fragment.length);
        return reassembler.onFragment(new UnsafeBuffer(backing), 3, fragment.length, recorder);
    }

    private void feedAll(final byte[]... fragments)
    {
        for (final byte[] fragment : fragments)
        {
            assertThat(feed(fragment)).isEqualTo(CodecStatus.OK);
        }
    }

    private void assertDeliveredOnce(final int msgId, final byte[] message)
    {
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).msgId).isEqualTo(msgId);
        assertThat(delivered.get(0).bytes).isEqualTo(message);
    }

    private void assertNothingHeld()
    {
        assertThat(reassembler.bytesHeld()).isZero();
        assertThat(reassembler.partialMessages()).isZero();
    }

    private static final class Delivered
    {
        final int msgId;
        final byte[] bytes;
        final DirectBuffer buffer;
        final int offset;

        Delivered(final int msgId, final byte[] bytes, final DirectBuffer buffer, final int offset)
        {
            this.msgId = msgId;
            this.bytes = bytes;
            this.buffer = buffer;
            this.offset = offset;
        }
    }
}
