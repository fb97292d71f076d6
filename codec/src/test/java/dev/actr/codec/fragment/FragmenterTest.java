package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.actr.codec.fragment.FragmentDescriptor.HEADER_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmenterTest
{
    private final List<byte[]> fragments = new ArrayList<>();
    private final FragmentHandler collector =
        (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            fragments.add(copy);
        };
    private final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();

    @Test
    void shouldSendSmallMessageAsOneFragmentWithTotalOne()
    {
        final Fragmenter fragmenter = new Fragmenter();

        assertThat(fragment(fragmenter, new byte[] {'h', 'i'})).isEqualTo(CodecStatus.OK);

        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0)).containsExactly(
            0, 0, 0, 0,     // msg_id 0
            0, 0,           // frag_index 0
            0, 1,           // total_frags 1: the unfragmented fast path
            'h', 'i');
    }

    @Test
    void shouldSendEmptyMessageAsOneHeaderOnlyFragment()
    {
        final Fragmenter fragmenter = new Fragmenter();

        assertThat(fragment(fragmenter, new byte[0])).isEqualTo(CodecStatus.OK);

        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(fragmenter.fragmentCount(0)).isEqualTo(1);
    }

    @Test
    void shouldSendMessageOfExactly65527BytesAsOneFragment()
    {
        final byte[] message = Fragments.pattern(MAX_FRAGMENT_PAYLOAD_LENGTH, 3);

        assertThat(fragment(new Fragmenter(), message)).isEqualTo(CodecStatus.OK);

        assertThat(MAX_FRAGMENT_PAYLOAD_LENGTH).isEqualTo(65_527);
        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0)).hasSize(MAX_FRAGMENT_LENGTH);
        assertHeader(fragments.get(0), 0, 0, 1);
        assertThat(reassembled()).isEqualTo(message);
    }

    @Test
    void shouldSendMessageOf65528BytesAsTwoFragments()
    {
        final byte[] message = Fragments.pattern(MAX_FRAGMENT_PAYLOAD_LENGTH + 1, 5);

        assertThat(fragment(new Fragmenter(), message)).isEqualTo(CodecStatus.OK);

        assertThat(fragments).hasSize(2);
        assertThat(fragments.get(0)).hasSize(MAX_FRAGMENT_LENGTH);
        assertThat(fragments.get(1)).hasSize(HEADER_LENGTH + 1);
        assertHeader(fragments.get(0), 0, 0, 2);
        assertHeader(fragments.get(1), 0, 1, 2);
        assertThat(reassembled()).isEqualTo(message);
    }

    @Test
    void shouldNeverEmitFragmentAbove65535BytesIncludingHeader()
    {
        final Fragmenter fragmenter = new Fragmenter();
        final byte[] message = Fragments.pattern(1024 * 1024 + 17, 11);

        assertThat(fragment(fragmenter, message)).isEqualTo(CodecStatus.OK);

        assertThat(fragments).hasSize((int)fragmenter.fragmentCount(message.length)).hasSize(17);
        assertThat(fragments).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(MAX_FRAGMENT_LENGTH));
        assertThat(fragmenter.maxFragmentLength()).isEqualTo(MAX_FRAGMENT_LENGTH);
        assertThat(reassembled()).isEqualTo(message);
    }

    @Test
    void shouldCarryMaxFragmentLengthMinusHeaderInAllButLastFragment()
    {
        final Fragmenter fragmenter = new Fragmenter(100, 1 << 20);
        final byte[] message = Fragments.pattern(250, 1);

        assertThat(fragment(fragmenter, message)).isEqualTo(CodecStatus.OK);

        assertThat(fragments).extracting(f -> f.length).containsExactly(100, 100, 74);
        for (int i = 0; i < fragments.size(); i++)
        {
            assertHeader(fragments.get(i), 0, i, 3);
        }
        assertThat(reassembled()).isEqualTo(message);
    }

    @Test
    void shouldCutMessageAtMultipleOfPayloadIntoFullFragmentsOnly()
    {
        final Fragmenter fragmenter = new Fragmenter(100, 1 << 20);

        assertThat(fragment(fragmenter, Fragments.pattern(92 * 3, 0))).isEqualTo(CodecStatus.OK);

        assertThat(fragments).extracting(f -> f.length).containsExactly(100, 100, 100);
        assertThat(fragmenter.fragmentCount(92 * 3)).isEqualTo(3);
        assertThat(fragmenter.fragmentCount(92 * 3 + 1)).isEqualTo(4);
    }

    @Test
    void shouldFragmentMessageStartingAtOffset()
    {
        final byte[] backing = Fragments.pattern(300, 9);
        final Fragmenter fragmenter = new Fragmenter(64, 1 << 20);

        assertThat(fragmenter.fragment(new UnsafeBuffer(backing), 20, 200, collector)).isEqualTo(CodecStatus.OK);

        assertThat(fragments).hasSize(4);
        assertThat(reassembled()).isEqualTo(Arrays.copyOfRange(backing, 20, 220));
    }

    @Test
    void shouldIncrementMsgIdByOnePerMessage()
    {
        final Fragmenter fragmenter = new Fragmenter(20, 1 << 20);

        fragment(fragmenter, new byte[5]);
        fragment(fragmenter, new byte[30]);
        fragment(fragmenter, new byte[0]);

        assertThat(fragments).extracting(this::msgIdOf).containsExactly(0, 1, 1, 1, 2);
        assertThat(fragmenter.nextMsgId()).isEqualTo(3);
    }

    @Test
    void shouldRejectMessageAboveMaxMessageLengthWithoutCallingHandlerOrConsumingMsgId()
    {
        final Fragmenter fragmenter = new Fragmenter(MAX_FRAGMENT_LENGTH, 1000);

        assertThat(fragment(fragmenter, new byte[1001])).isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);
        assertThat(fragments).isEmpty();
        assertThat(fragmenter.nextMsgId()).isZero();

        assertThat(fragment(fragmenter, new byte[1000])).isEqualTo(CodecStatus.OK);
        assertThat(fragments).hasSize(1);
        assertThat(msgIdOf(fragments.get(0))).isZero();
        assertThat(fragmenter.nextMsgId()).isEqualTo(1);
    }

    @Test
    void shouldRejectMessageNeedingMoreThan65535Fragments()
    {
        final Fragmenter fragmenter = new Fragmenter(HEADER_LENGTH + 1, 1 << 20);

        assertThat(fragment(fragmenter, new byte[65_536])).isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);
        assertThat(fragments).isEmpty();
        assertThat(fragmenter.nextMsgId()).isZero();

        assertThat(fragment(fragmenter, Fragments.pattern(65_535, 2))).isEqualTo(CodecStatus.OK);
        assertThat(fragments).hasSize(65_535);
        assertHeader(fragments.get(65_534), 0, 65_534, 65_535);
    }

    @Test
    void shouldRejectNegativeLengthWithoutCallingHandler()
    {
        final Fragmenter fragmenter = new Fragmenter();

        assertThat(fragmenter.fragment(new UnsafeBuffer(new byte[8]), 0, -1, collector))
            .isEqualTo(CodecStatus.MESSAGE_TOO_LARGE);
        assertThat(fragments).isEmpty();
        assertThat(fragmenter.nextMsgId()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, 8, 65_536, Integer.MAX_VALUE})
    void shouldRejectMaxFragmentLengthOfAtMostHeaderOrAbove65535(final int maxFragmentLength)
    {
        assertThatThrownBy(() -> new Fragmenter(maxFragmentLength, 1024))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxFragmentLength");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 1000, 65_535})
    void shouldAcceptMaxFragmentLengthFrom9To65535(final int maxFragmentLength)
    {
        assertThat(new Fragmenter(maxFragmentLength, 1024).maxFragmentLength()).isEqualTo(maxFragmentLength);
    }

    @Test
    void shouldRejectNegativeMaxMessageLength()
    {
        assertThatThrownBy(() -> new Fragmenter(100, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private CodecStatus fragment(final Fragmenter fragmenter, final byte[] message)
    {
        return fragmenter.fragment(new UnsafeBuffer(message), 0, message.length, collector);
    }

    private void assertHeader(final byte[] fragment, final int msgId, final int fragIndex, final int totalFrags)
    {
        assertThat(header.wrap(new UnsafeBuffer(fragment), 0, fragment.length)).isEqualTo(CodecStatus.OK);
        assertThat(header.msgId()).isEqualTo(msgId);
        assertThat(header.fragIndex()).isEqualTo(fragIndex);
        assertThat(header.totalFrags()).isEqualTo(totalFrags);
    }

    private int msgIdOf(final byte[] fragment)
    {
        assertThat(header.wrap(new UnsafeBuffer(fragment), 0, fragment.length)).isEqualTo(CodecStatus.OK);
        return header.msgId();
    }

    private byte[] reassembled()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] fragment : fragments)
        {
            out.write(fragment, HEADER_LENGTH, fragment.length - HEADER_LENGTH);
        }
        return out.toByteArray();
    }
}
