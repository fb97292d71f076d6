package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FragmentHeaderFlyweightTest
{
    private final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();

    @Test
    void shouldReadBigEndianFieldsFromHandWrittenBytes()
    {
        final byte[] message = {
            0x55, 0x55,                 // two bytes before the fragment: it starts at offset 2
            0x12, 0x34, 0x56, 0x78,     // msg_id      = 0x12345678
            0x00, 0x02,                 // frag_index  = 2
            0x00, 0x05,                 // total_frags = 5
            'a', 'b', 'c'};             // payload

        assertThat(header.wrap(new UnsafeBuffer(message), 2, message.length - 2)).isEqualTo(CodecStatus.OK);

        assertThat(header.msgId()).isEqualTo(0x1234_5678);
        assertThat(header.fragIndex()).isEqualTo(2);
        assertThat(header.totalFrags()).isEqualTo(5);
        assertThat(header.payloadOffset()).isEqualTo(2 + FragmentDescriptor.HEADER_LENGTH);
        assertThat(header.payloadLength()).isEqualTo(3);
        final byte[] payload = new byte[3];
        header.getPayload(payload);
        assertThat(payload).containsExactly('a', 'b', 'c');
    }

    @Test
    void shouldWriteBigEndianFieldsMatchingHandWrittenBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[10]);

        FragmentHeaderFlyweight.encode(buffer, 1, 0x0A0B_0C0D, 0x0102, 0x0304);

        assertThat(buffer.byteArray()).containsExactly(
            0x00,
            0x0A, 0x0B, 0x0C, 0x0D,     // msg_id
            0x01, 0x02,                 // frag_index
            0x03, 0x04,                 // total_frags
            0x00);
    }

    @Test
    void shouldCarryU32MsgIdWithHighBitSet()
    {
        final byte[] message = {(byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFE, 0, 0, 0, 1};

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OK);

        assertThat(Integer.toUnsignedLong(header.msgId())).isEqualTo(0xFFFF_FFFEL);
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[8]);
        FragmentHeaderFlyweight.encode(encoded, 0, (int)0xFFFF_FFFEL, 0, 1);
        assertThat(encoded.byteArray()).isEqualTo(message);
    }

    @Test
    void shouldReadU16FieldsAsUnsigned()
    {
        final byte[] message = Fragments.fragment(7, 0xFFFE, 0xFFFF, new byte[] {1});

        assertThat(message).startsWith(0, 0, 0, 7, 0xFF, 0xFE, 0xFF, 0xFF);
        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OK);
        assertThat(header.fragIndex()).isEqualTo(0xFFFE);
        assertThat(header.totalFrags()).isEqualTo(0xFFFF);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void shouldRejectFewerBytesThanHeaderAsTruncated(final int length)
    {
        final byte[] message = Fragments.fragment(1, 0, 1, new byte[] {9, 9});

        assertThat(header.wrap(new UnsafeBuffer(message), 0, length)).isEqualTo(CodecStatus.TRUNCATED);
    }

    @Test
    void shouldAcceptFragmentOfExactly65535Bytes()
    {
        final byte[] message = Fragments.fragment(1, 0, 2, new byte[FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH]);

        assertThat(message).hasSize(65_535);
        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OK);
        assertThat(header.payloadLength()).isEqualTo(65_527);
    }

    @Test
    void shouldRejectFragmentAbove65535BytesAsOversize()
    {
        final byte[] message =
            Fragments.fragment(1, 0, 2, new byte[FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH + 1]);

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OVERSIZE);
    }

    @Test
    void shouldRejectZeroTotalFragments()
    {
        final byte[] message = Fragments.fragment(1, 0, 0, new byte[] {1});

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length))
            .isEqualTo(CodecStatus.ZERO_TOTAL_FRAGMENTS);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 3", "4, 3", "65535, 2", "65535, 65535"})
    void shouldRejectFragmentIndexAtOrAboveTotal(final int fragIndex, final int totalFrags)
    {
        final byte[] message = Fragments.fragment(1, fragIndex, totalFrags, new byte[] {1});

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length))
            .isEqualTo(CodecStatus.FRAGMENT_INDEX_OUT_OF_RANGE);
    }

    @Test
    void shouldAcceptLastIndexBelowTotal()
    {
        final byte[] message = Fragments.fragment(1, 2, 3, new byte[] {1});

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OK);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 65535})
    void shouldRejectHeaderOnlyFragmentOfMultiFragmentMessage(final int totalFrags)
    {
        final byte[] message = Fragments.fragment(1, 0, totalFrags, new byte[0]);

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.EMPTY_FRAGMENT);
    }

    @Test
    void shouldAcceptHeaderOnlyFragmentOfSingleFragmentMessage()
    {
        final byte[] message = Fragments.fragment(1, 0, 1, new byte[0]);

        assertThat(header.wrap(new UnsafeBuffer(message), 0, message.length)).isEqualTo(CodecStatus.OK);
        assertThat(header.payloadLength()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"-1, 8", "0, -1", "0, 17", "9, 8", "17, 0", "2147483647, 8", "-2147483648, 8", "0, 2147483647",
        "8, -2147483648"})
    void shouldReportTruncatedForBadOffsetOrLengthWithoutThrowing(final int offset, final int length)
    {
        final byte[] message = Fragments.fragment(1, 0, 1, new byte[8]);

        assertThat(header.wrap(new UnsafeBuffer(message), offset, length)).isEqualTo(CodecStatus.TRUNCATED);
    }
}
