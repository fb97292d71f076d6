package dev.actr.codec.envelope;

import com.google.protobuf.ByteString;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RpcEnvelopeDecoderTest
{
    private static final int MAX = 1024 * 1024;

    private final RpcEnvelopeDecoder decoder = new RpcEnvelopeDecoder(MAX);

    @Test
    void shouldDecodeValidRequest()
    {
        final RpcEnvelope request = request().build();

        assertThat(decode(request.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(decoder.envelope()).isEqualTo(request);
        assertThat(decoder.envelope().getDirection()).isEqualTo(Direction.REQUEST);
        assertThat(decoder.envelope().getTimeoutMs()).isEqualTo(1000);
    }

    @Test
    void shouldDecodeValidResponseWithZeroTimeout()
    {
        final RpcEnvelope response = request().setDirection(Direction.RESPONSE).setTimeoutMs(0).build();

        assertThat(decode(response.toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope()).isEqualTo(response);
    }

    @Test
    void shouldDecodeValidErrorResponse()
    {
        final RpcEnvelope response = request()
            .setDirection(Direction.RESPONSE)
            .setTimeoutMs(0)
            .clearPayload()
            .setError(ErrorResponse.newBuilder().setCode(ErrorCode.TIMED_OUT.code()).setMessage("deadline passed"))
            .build();

        assertThat(decode(response.toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getError().getCode()).isEqualTo(10002);
    }

    @Test
    void shouldDecodeValidTellWithZeroTimeout()
    {
        final RpcEnvelope tell = request().setDirection(Direction.TELL).setTimeoutMs(0).build();

        assertThat(decode(tell.toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope()).isEqualTo(tell);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void shouldRejectRequestWithoutPositiveTimeoutAsInvalidDeadline(final long timeoutMs)
    {
        assertThat(decode(request().setTimeoutMs(timeoutMs).build().toByteArray()))
            .isEqualTo(CodecStatus.INVALID_DEADLINE);
        assertThat(decoder.envelope()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"RESPONSE, 1", "RESPONSE, 30000", "RESPONSE, -1", "TELL, 1", "TELL, -5"})
    void shouldRejectNonRequestWithNonZeroTimeoutAsInvalidDeadline(final Direction direction, final long timeoutMs)
    {
        assertThat(decode(request().setDirection(direction).setTimeoutMs(timeoutMs).build().toByteArray()))
            .isEqualTo(CodecStatus.INVALID_DEADLINE);
        assertThat(decoder.envelope()).isNull();
    }

    @Test
    void shouldRejectMissingDirectionAsInvalidDirection()
    {
        assertThat(decode(request().clearDirection().build().toByteArray())).isEqualTo(CodecStatus.INVALID_DIRECTION);
        assertThat(decoder.envelope()).isNull();
    }

    @Test
    void shouldRejectUnspecifiedDirectionAsInvalidDirection()
    {
        final byte[] bytes = request().setDirection(Direction.UNSPECIFIED).build().toByteArray();

        assertThat(decode(bytes)).isEqualTo(CodecStatus.INVALID_DIRECTION);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 9, 127})
    void shouldRejectUnknownDirectionNumberOnWireAsInvalidDirection(final int number)
    {
        final byte[] withoutDirection = request().clearDirection().build().toByteArray();
        final byte[] bytes = Arrays.copyOf(withoutDirection, withoutDirection.length + 2);
        bytes[withoutDirection.length] = (4 << 3) | 0;     // field 4 (direction), wire type 0 (varint) = 0x20
        bytes[withoutDirection.length + 1] = (byte)number;

        assertThat(decode(bytes)).isEqualTo(CodecStatus.INVALID_DIRECTION);
    }

    @Test
    void shouldDecodeKnownDirectionNumberAppendedOnWire()
    {
        final byte[] withoutDirection = request().clearDirection().build().toByteArray();
        final byte[] bytes = Arrays.copyOf(withoutDirection, withoutDirection.length + 2);
        bytes[withoutDirection.length] = 0x20;
        bytes[withoutDirection.length + 1] = 0x01;

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getDirection()).isEqualTo(Direction.REQUEST);
    }

    @Test
    void shouldRejectGarbageAsMalformedMessage()
    {
        assertThat(decode(new byte[] {(byte)0xFF, (byte)0xFF, (byte)0xFF})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decode(new byte[] {0x0A, 0x7F, 'x'})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decode(new byte[] {0x07})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decoder.envelope()).isNull();
    }

    @Test
    void shouldRejectEnvelopeCutShortAsMalformedMessage()
    {
        final byte[] bytes = request().build().toByteArray();

        assertThat(decode(Arrays.copyOf(bytes, bytes.length - 1))).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectMissingRequiredFieldsAsMalformedMessage()
    {
        assertThat(decode(request().clearRequestId().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decode(request().clearTimeoutMs().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decode(request().clearRouteKey().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(decode(new byte[0])).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectIncompleteNestedMessageAsMalformedMessage()
    {
        final RpcEnvelope response = request()
            .setDirection(Direction.RESPONSE)
            .setTimeoutMs(0)
            .setError(ErrorResponse.newBuilder().setCode(10001).buildPartial())
            .buildPartial();

        assertThat(decode(response.toByteArray())).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectEnvelopeLongerThanMaximumAsOversize()
    {
        final byte[] bytes = request().build().toByteArray();

        final RpcEnvelopeDecoder exact = new RpcEnvelopeDecoder(bytes.length);
        assertThat(exact.decode(new UnsafeBuffer(bytes), 0, bytes.length)).isEqualTo(CodecStatus.OK);

        final RpcEnvelopeDecoder smaller = new RpcEnvelopeDecoder(bytes.length - 1);
        assertThat(smaller.decode(new UnsafeBuffer(bytes), 0, bytes.length)).isEqualTo(CodecStatus.OVERSIZE);
        assertThat(smaller.envelope()).isNull();
    }

    @Test
    void shouldDecodeEnvelopeAtOffsetInsideLargerBuffer()
    {
        final byte[] bytes = request().build().toByteArray();
        final byte[] backing = new byte[bytes.length + 20];
        Arrays.fill(backing, (byte)0xFF);
        System.arraycopy(bytes, 0, backing, 13, bytes.length);

        assertThat(decoder.decode(new UnsafeBuffer(backing), 13, bytes.length)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope()).isEqualTo(request().build());
    }

    @Test
    void shouldDecodeEnvelopeLargerThanScratchBuffer()
    {
        final byte[] payload = new byte[200 * 1024];
        Arrays.fill(payload, (byte)7);
        final RpcEnvelope large = request().setPayload(ByteString.copyFrom(payload)).build();

        assertThat(decode(large.toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope()).isEqualTo(large);
        assertThat(decode(request().build().toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope()).isEqualTo(request().build());
    }

    @ParameterizedTest
    @CsvSource({"-1, 4", "0, -1", "0, 65", "60, 5", "2147483647, 1", "-2147483648, 0", "1, 2147483647"})
    void shouldReportTruncatedForBadOffsetOrLengthWithoutThrowing(final int offset, final int length)
    {
        assertThat(decoder.decode(new UnsafeBuffer(new byte[64]), offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.envelope()).isNull();
    }

    @Test
    void shouldForgetPreviousEnvelopeWhenNextDecodeFails()
    {
        assertThat(decode(request().build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(decode(new byte[] {(byte)0xFF})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);

        assertThat(decoder.envelope()).isNull();
    }

    @Test
    void shouldValidateBuiltEnvelopeWithoutDecoding()
    {
        assertThat(RpcEnvelopeDecoder.validate(request().build())).isEqualTo(CodecStatus.OK);
        assertThat(RpcEnvelopeDecoder.validate(request().setTimeoutMs(0).build())).isEqualTo(CodecStatus.INVALID_DEADLINE);
        assertThat(RpcEnvelopeDecoder.validate(request().clearDirection().build()))
            .isEqualTo(CodecStatus.INVALID_DIRECTION);
    }

    @Test
    void shouldRejectNegativeMaximumLength()
    {
        assertThatThrownBy(() -> new RpcEnvelopeDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private CodecStatus decode(final byte[] bytes)
    {
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static RpcEnvelope.Builder request()
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey("echo.Echo/Say")
            .setPayload(ByteString.copyFrom(new byte[] {1, 2}))
            .setDirection(Direction.REQUEST)
            .setRequestId("42")
            .setTimeoutMs(1000)
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .setTraceparent("t");
    }
}
