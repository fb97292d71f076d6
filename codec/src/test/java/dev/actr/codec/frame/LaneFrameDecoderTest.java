package dev.actr.codec.frame;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.PayloadType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaneFrameDecoderTest
{
    private static final int MAX = 1024;

    private final LaneFrameDecoder decoder = new LaneFrameDecoder(MAX);

    @Test
    void shouldRoundTripFrameWrittenByEncoder()
    {
        final byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final int offset = 3;

        final int frameLength =
            LaneFrameEncoder.encode(buffer, offset, PayloadType.RPC_SIGNAL, new UnsafeBuffer(payload), 0, payload.length);

        assertThat(frameLength).isEqualTo(10);
        assertThat(Arrays.copyOfRange(buffer.byteArray(), offset, offset + frameLength))
            .containsExactly(0x01, 0x00, 0x00, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o');
        assertThat(decoder.wrapExact(buffer, offset, frameLength)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.buffer()).isSameAs(buffer);
        assertThat(decoder.payloadType()).isEqualTo(PayloadType.RPC_SIGNAL);
        assertThat(decoder.payloadTypeNumber()).isEqualTo(1);
        assertThat(decoder.payloadOffset()).isEqualTo(offset + LaneFrameDescriptor.HEADER_LENGTH);
        assertThat(decoder.payloadLength()).isEqualTo(payload.length);
        assertThat(decoder.frameLength()).isEqualTo(frameLength);
        final byte[] decoded = new byte[decoder.payloadLength()];
        buffer.getBytes(decoder.payloadOffset(), decoded);
        assertThat(decoded).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(PayloadType.class)
    void shouldDecodeEveryPayloadType(final PayloadType type)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 2]);
        buffer.putByte(LaneFrameDescriptor.HEADER_LENGTH, (byte)0x7A);
        buffer.putByte(LaneFrameDescriptor.HEADER_LENGTH + 1, (byte)0x7B);

        final int frameLength = LaneFrameEncoder.encodeHeader(buffer, 0, type, 2);

        assertThat(buffer.getByte(0)).isEqualTo((byte)type.getNumber());
        assertThat(decoder.wrapExact(buffer, 0, frameLength)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.payloadType()).isEqualTo(type);
        assertThat(decoder.payloadTypeNumber()).isEqualTo(type.getNumber());
        assertThat(decoder.payloadLength()).isEqualTo(2);
    }

    @Test
    void shouldWriteLengthAsBigEndianU32()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH]);

        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.MEDIA_RTP, 0x0102_0304);

        assertThat(buffer.byteArray()).containsExactly(0x04, 0x01, 0x02, 0x03, 0x04);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 0x7F, 0x80, 0xFE, 0xFF})
    void shouldRejectUnknownPayloadType(final int type)
    {
        final byte[] frame = {(byte)type, 0, 0, 0, 1, 42};

        assertThat(decoder.wrap(new UnsafeBuffer(frame), 0, frame.length)).isEqualTo(CodecStatus.UNKNOWN_PAYLOAD_TYPE);
        assertThat(decoder.payloadType()).isNull();
        assertThat(decoder.payloadTypeNumber()).isEqualTo(-1);
        assertThat(decoder.wrapExact(new UnsafeBuffer(frame), 0, frame.length))
            .isEqualTo(CodecStatus.UNKNOWN_PAYLOAD_TYPE);
    }

    @Test
    void shouldAcceptPayloadOfExactlyConfiguredMaximum()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + MAX]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, MAX);

        assertThat(decoder.wrapExact(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.payloadLength()).isEqualTo(MAX);
    }

    @Test
    void shouldRejectDeclaredLengthAboveConfiguredMaximumAsOversize()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + MAX + 1]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, MAX + 1);

        assertThat(decoder.wrap(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
        assertThat(decoder.wrapExact(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
        assertThat(decoder.payloadType()).isNull();
        assertThat(decoder.payloadLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0xFFFF_FFFFL, 0x8000_0000L, 0x8000_0005L})
    void shouldRejectU32LengthWithHighBitSetAsOversizeNotNegative(final long declaredLength)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 16]);
        buffer.putByte(LaneFrameDescriptor.TYPE_OFFSET, (byte)0);
        buffer.putInt(LaneFrameDescriptor.LENGTH_OFFSET, (int)declaredLength, ByteOrder.BIG_ENDIAN);

        assertThat(decoder.wrap(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
        assertThat(new LaneFrameDecoder().wrap(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
        assertThat(new LaneFrameDecoder(Integer.MAX_VALUE).wrap(buffer, 0, buffer.capacity()))
            .isEqualTo(CodecStatus.OVERSIZE);
        assertThat(decoder.payloadLength()).isZero();
    }

    @Test
    void shouldDefaultToSixteenMebibyteMaximum()
    {
        final int sixteenMiB = 16 * 1024 * 1024;
        assertThat(LaneFrameDescriptor.DEFAULT_MAX_PAYLOAD_LENGTH).isEqualTo(sixteenMiB);
        final LaneFrameDecoder defaultDecoder = new LaneFrameDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + sixteenMiB + 1]);

        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.STREAM_RELIABLE, sixteenMiB);
        assertThat(defaultDecoder.wrapExact(buffer, 0, LaneFrameDescriptor.HEADER_LENGTH + sixteenMiB))
            .isEqualTo(CodecStatus.OK);
        assertThat(defaultDecoder.payloadLength()).isEqualTo(sixteenMiB);

        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.STREAM_RELIABLE, sixteenMiB + 1);
        assertThat(defaultDecoder.wrapExact(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void shouldReportTruncatedHeader(final int length)
    {
        final byte[] frame = {0x01, 0, 0, 0, 0};

        assertThat(decoder.wrap(new UnsafeBuffer(frame), 0, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.wrapExact(new UnsafeBuffer(frame), 0, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.payloadType()).isNull();
    }

    @Test
    void shouldReportTruncatedPayloadWhenFewerBytesThanDeclared()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 10]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 10);

        assertThat(decoder.wrap(buffer, 0, LaneFrameDescriptor.HEADER_LENGTH + 9)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.wrapExact(buffer, 0, LaneFrameDescriptor.HEADER_LENGTH + 9))
            .isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.payloadType()).isNull();
        assertThat(decoder.wrap(buffer, 0, LaneFrameDescriptor.HEADER_LENGTH + 10)).isEqualTo(CodecStatus.OK);
    }

    @Test
    void shouldDecodeStreamOfFramesWithWrapAndAllowBytesAfterFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int first = LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 3);
        final int second = LaneFrameEncoder.encodeHeader(buffer, first, PayloadType.STREAM_LATENCY_FIRST, 0);

        assertThat(decoder.wrap(buffer, 0, first + second)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.frameLength()).isEqualTo(first);
        assertThat(decoder.payloadType()).isEqualTo(PayloadType.RPC_RELIABLE);

        assertThat(decoder.wrap(buffer, first, second)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.payloadType()).isEqualTo(PayloadType.STREAM_LATENCY_FIRST);
        assertThat(decoder.payloadLength()).isZero();
        assertThat(decoder.payloadOffset()).isEqualTo(first + LaneFrameDescriptor.HEADER_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100})
    void shouldRejectTrailingBytesInWrapExact(final int trailing)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 4 + trailing]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 4);

        assertThat(decoder.wrapExact(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.TRAILING_BYTES);
        assertThat(decoder.payloadType()).isNull();
        assertThat(decoder.payloadTypeNumber()).isEqualTo(-1);
        assertThat(decoder.wrap(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OK);
    }

    @Test
    void shouldForgetPreviousFrameWhenNextWrapFails()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 4]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_SIGNAL, 4);
        assertThat(decoder.wrap(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OK);

        assertThat(decoder.wrap(buffer, 0, 3)).isEqualTo(CodecStatus.TRUNCATED);

        assertThat(decoder.payloadType()).isNull();
        assertThat(decoder.payloadTypeNumber()).isEqualTo(-1);
        assertThat(decoder.payloadLength()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "-1, 5", "-5, 10", "0, 17", "1, 16", "16, 5", "17, 0", "12, -1", "0, -1", "0, -2147483648",
        "2147483647, 5", "-2147483648, 5", "5, 2147483647", "2147483647, 2147483647", "-2147483648, -2147483648"})
    void shouldReportTruncatedForBadOffsetOrLengthWithoutThrowing(final int offset, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 0);

        assertThat(decoder.wrap(buffer, offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.wrapExact(buffer, offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.payloadType()).isNull();
    }

    @Test
    void shouldRejectNegativeMaximumOrNegativePayloadLength()
    {
        assertThatThrownBy(() -> new LaneFrameDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaneFrameEncoder.encodeHeader(
            new UnsafeBuffer(new byte[8]), 0, PayloadType.RPC_RELIABLE, -1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAcceptOnlyEmptyPayloadsWhenMaximumIsZero()
    {
        final LaneFrameDecoder zero = new LaneFrameDecoder(0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LaneFrameDescriptor.HEADER_LENGTH + 1]);

        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 0);
        assertThat(zero.wrapExact(buffer, 0, LaneFrameDescriptor.HEADER_LENGTH)).isEqualTo(CodecStatus.OK);

        LaneFrameEncoder.encodeHeader(buffer, 0, PayloadType.RPC_RELIABLE, 1);
        assertThat(zero.wrapExact(buffer, 0, buffer.capacity())).isEqualTo(CodecStatus.OVERSIZE);
    }
}
