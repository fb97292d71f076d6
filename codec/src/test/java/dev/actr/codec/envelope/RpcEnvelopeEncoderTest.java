package dev.actr.codec.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encoder writes the bytes protobuf-java writes for the same fields, and {@link RpcEnvelopeEncoder#maxLength}
 * bounds what it writes. Every envelope is written at a non-zero offset into a buffer filled with 0xFF, so a
 * byte written outside {@code [OFFSET, OFFSET + encodedLength)} shows up as well.
 */
class RpcEnvelopeEncoderTest
{
    private static final int OFFSET = 7;
    private static final int CAPACITY = 64 * 1024;
    private static final String ROUTE_KEY = "echo.Echo/Say";
    private static final byte[] PAYLOAD = {1, 2, 3, (byte)0x80, (byte)0xFF, 0};
    private static final long MAX_18_DIGITS = 999_999_999_999_999_999L;

    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final UnsafeBuffer buffer = filled(new UnsafeBuffer(new byte[CAPACITY]));

    @Test
    void shouldEncodeRequestWithPayloadAsProtobufJavaDoes()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.REQUEST_VALUE)
            .requestId(42)
            .timeoutMs(1000);

        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.REQUEST).setRequestId("42").setTimeoutMs(1000).build());
    }

    @Test
    void shouldEncodeTellAsProtobufJavaDoes()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.TELL_VALUE)
            .requestId(7)
            .timeoutMs(0);

        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.TELL).setRequestId("7").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeResponseWithPayloadAsProtobufJavaDoes()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(123_456_789L)
            .timeoutMs(0);

        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.RESPONSE).setRequestId("123456789").setTimeoutMs(0).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 10002, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFF, 0xFFFF_FFFE})
    void shouldEncodeResponseWithErrorResponseAsProtobufJavaDoes(final int code)
    {
        final String message = "deadline passed";
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .error(code, utf8(message), 0, message.length())
            .direction(Direction.RESPONSE_VALUE)
            .requestId(42)
            .timeoutMs(0);

        // uint32 on the wire: a code above 2^31 - 1 is an int below zero in Java and five varint bytes on the wire.
        assertEncodedAs(envelope(ROUTE_KEY)
            .setError(ErrorResponse.newBuilder().setCode(code).setMessage(message))
            .setDirection(Direction.RESPONSE).setRequestId("42").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeUnsignedErrorCodeAboveTwoToThe31InFiveVarintBytes()
    {
        start()
            .routeKey(utf8("r"), 0, 1)
            .error(0xFFFF_FFFF, utf8(""), 0, 0)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(1)
            .timeoutMs(0);

        final byte[] bytes = encoded();
        assertThat(Arrays.copyOfRange(bytes, 3, 3 + 2 + 1 + 5 + 2)).containsExactly(
            0x1A, 0x08,                                         // error: (3 << 3) | 2, length 8
            0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F,                 //   code: (1 << 3) | 0, 2^32 - 1 in 5 bytes
            0x12, 0x00);                                        //   message: (2 << 3) | 2, empty
        assertEncodedAs(envelope("r")
            .setError(ErrorResponse.newBuilder().setCode(0xFFFF_FFFF).setMessage(""))
            .setDirection(Direction.RESPONSE).setRequestId("1").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeRuntimeErrorCodesAsProtobufJavaDoes()
    {
        for (final ErrorCode code : ErrorCode.values())
        {
            start()
                .routeKey(utf8("r"), 0, 1)
                .error(code.code(), utf8(code.name()), 0, code.name().length())
                .direction(Direction.RESPONSE_VALUE)
                .requestId(9)
                .timeoutMs(0);

            assertEncodedAs(envelope("r")
                .setError(ErrorResponse.newBuilder().setCode(code.code()).setMessage(code.name()))
                .setDirection(Direction.RESPONSE).setRequestId("9").setTimeoutMs(0).build());
        }
    }

    @Test
    void shouldEncodeEmptyPayloadAsPresentFieldAsProtobufJavaDoes()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(new byte[0]), 0, 0)
            .direction(Direction.REQUEST_VALUE)
            .requestId(1)
            .timeoutMs(5);

        // proto2: a set-but-empty bytes field is written (tag 0x12, length 0), unlike an absent one.
        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.EMPTY)
            .setDirection(Direction.REQUEST).setRequestId("1").setTimeoutMs(5).build());
        assertThat(encoded()).containsSequence(0x12, 0x00);
    }

    @Test
    void shouldEncodeEnvelopeWithoutPayloadAsProtobufJavaDoes()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.TELL_VALUE)
            .requestId(1)
            .timeoutMs(0);

        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.TELL).setRequestId("1").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeZeroCorrelationIdAsSingleDigit()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(0)
            .timeoutMs(1);

        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.REQUEST).setRequestId("0").setTimeoutMs(1).build());
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10, 99, 100, 1_000_000_007L, 100_000_000_000_000_000L, MAX_18_DIGITS})
    void shouldEncodeCorrelationIdAsItsDecimalDigits(final long correlationId)
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(correlationId)
            .timeoutMs(1);

        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.REQUEST)
            .setRequestId(Long.toString(correlationId)).setTimeoutMs(1).build());
    }

    @Test
    void shouldEncodeLargestEighteenDigitCorrelationIdThatFlyweightReadsBack()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(MAX_18_DIGITS)
            .timeoutMs(1);
        final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();

        assertThat(flyweight.wrap(buffer, OFFSET, encoder.encodedLength())).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.requestIdLength()).isEqualTo(18);
        assertThat(flyweight.correlationId()).isEqualTo(MAX_18_DIGITS);
    }

    @Test
    void shouldEncodeNineteenDigitCorrelationIdThatFlyweightDoesNotReadAsCorrelationId()
    {
        // The encoder takes any non-negative long, but the flyweight reads at most 18 digits as a correlation id
        // (the ids this runtime hands out stay far below 10^18). A 19-digit id is still carried byte for byte
        // and identified by its hash.
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(Long.MAX_VALUE)
            .timeoutMs(1);
        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.REQUEST)
            .setRequestId("9223372036854775807").setTimeoutMs(1).build());

        final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
        assertThat(flyweight.wrap(buffer, OFFSET, encoder.encodedLength())).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.correlationId()).isEqualTo(RpcEnvelopeFlyweight.NO_CORRELATION_ID);
    }

    @Test
    void shouldRejectNegativeCorrelationId()
    {
        encoder.wrap(buffer, OFFSET);

        assertThatThrownBy(() -> encoder.requestId(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.requestId(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(encoder.encodedLength()).isZero();
    }

    @Test
    void shouldEchoForeignUuidRequestIdBytesAsProtobufJavaDoes()
    {
        final String uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000").toString();
        final byte[] id = uuid.getBytes(StandardCharsets.US_ASCII);
        final byte[] source = new byte[id.length + 5];
        System.arraycopy(id, 0, source, 3, id.length);

        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(new UnsafeBuffer(source), 3, id.length)
            .timeoutMs(0);

        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.RESPONSE).setRequestId(uuid).setTimeoutMs(0).build());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -1000, Long.MIN_VALUE})
    void shouldEncodeNegativeTimeoutAsTenByteVarintAsProtobufJavaDoes(final long timeoutMs)
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(1)
            .timeoutMs(timeoutMs);

        final byte[] bytes = encoded();
        // timeout_ms is the last field: tag (104 << 3) | 0 = 832 = 0xC0 0x06, then a two's complement varint.
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 12, bytes.length - 10)).containsExactly(0xC0, 0x06);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte)0x01);
        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.REQUEST).setRequestId("1")
            .setTimeoutMs(timeoutMs).build());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 127, 128, 30_000, Integer.MAX_VALUE, Long.MAX_VALUE})
    void shouldEncodePositiveTimeoutAsProtobufJavaDoes(final long timeoutMs)
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .direction(Direction.REQUEST_VALUE)
            .requestId(3)
            .timeoutMs(timeoutMs);

        assertEncodedAs(envelope(ROUTE_KEY).setDirection(Direction.REQUEST).setRequestId("3")
            .setTimeoutMs(timeoutMs).build());
    }

    @Test
    void shouldEncodeNonAsciiRouteKeyAsProtobufJavaDoes()
    {
        final String routeKey = "café.Ümlaut/日本語🎉";
        final byte[] routeKeyBytes = routeKey.getBytes(StandardCharsets.UTF_8);
        start()
            .routeKey(new UnsafeBuffer(routeKeyBytes), 0, routeKeyBytes.length)
            .direction(Direction.TELL_VALUE)
            .requestId(5)
            .timeoutMs(0);

        assertEncodedAs(envelope(routeKey).setDirection(Direction.TELL).setRequestId("5").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeLongFieldsWithMultiByteLengthsAsProtobufJavaDoes()
    {
        final byte[] routeKey = new byte[300];
        Arrays.fill(routeKey, (byte)'k');
        final byte[] payload = new byte[20_000];
        Arrays.fill(payload, (byte)0xA5);
        final byte[] message = new byte[200];
        Arrays.fill(message, (byte)'m');

        start()
            .routeKey(new UnsafeBuffer(routeKey), 0, routeKey.length)
            .payload(new UnsafeBuffer(payload), 0, payload.length)
            .error(ErrorCode.INTERNAL.code(), new UnsafeBuffer(message), 0, message.length)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(MAX_18_DIGITS)
            .timeoutMs(0);

        assertEncodedAs(RpcEnvelope.newBuilder()
            .setRouteKeyBytes(ByteString.copyFrom(routeKey))
            .setPayload(ByteString.copyFrom(payload))
            .setError(ErrorResponse.newBuilder().setCode(ErrorCode.INTERNAL.code())
                .setMessageBytes(ByteString.copyFrom(message)))
            .setDirection(Direction.RESPONSE)
            .setRequestId(Long.toString(MAX_18_DIGITS))
            .setTimeoutMs(0)
            .build());
    }

    @Test
    void shouldWriteSameBytesWhenPayloadIsSerializedInPlaceIntoReservedSpace() throws IOException
    {
        final ActrId message = ActrId.newBuilder()
            .setRealm(Realm.newBuilder().setRealmId(0xFFFF_FFFF))
            .setSerialNumber(-1)
            .setType(ActrType.newBuilder().setManufacturer("acme").setName("echo").setVersion("1"))
            .build();
        final int payloadLength = message.getSerializedSize();

        start().routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length());
        final int payloadOffset = encoder.reservePayload(payloadLength);
        final CodedOutputStream out = CodedOutputStream.newInstance(
            buffer.byteArray(), buffer.wrapAdjustment() + payloadOffset, payloadLength);
        message.writeTo(out);
        out.checkNoSpaceLeft();
        encoder.direction(Direction.REQUEST_VALUE).requestId(11).timeoutMs(250);
        final byte[] inPlace = encoded();

        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(message.toByteArray()), 0, payloadLength)
            .direction(Direction.REQUEST_VALUE)
            .requestId(11)
            .timeoutMs(250);

        assertThat(inPlace).isEqualTo(encoded());
        assertEncodedAs(envelope(ROUTE_KEY).setPayload(message.toByteString())
            .setDirection(Direction.REQUEST).setRequestId("11").setTimeoutMs(250).build());
    }

    @Test
    void shouldReturnOffsetOfReservedPayloadJustAfterItsHeader()
    {
        start().routeKey(utf8("r"), 0, 1);

        final int payloadOffset = encoder.reservePayload(300);

        // route_key 0x0A 0x01 'r' = 3 bytes, payload tag 0x12, length 300 = 0xAC 0x02.
        assertThat(payloadOffset).isEqualTo(OFFSET + 3 + 1 + 2);
        assertThat(encoder.encodedLength()).isEqualTo(3 + 1 + 2 + 300);
        assertThat(buffer.getByte(OFFSET + 3)).isEqualTo((byte)0x12);
        assertThat(buffer.getByte(OFFSET + 4)).isEqualTo((byte)0xAC);
        assertThat(buffer.getByte(OFFSET + 5)).isEqualTo((byte)0x02);
    }

    @Test
    void shouldReserveEmptyPayloadAsPresentField()
    {
        start().routeKey(utf8("r"), 0, 1);
        encoder.reservePayload(0);
        encoder.direction(Direction.TELL_VALUE).requestId(2).timeoutMs(0);

        assertEncodedAs(envelope("r").setPayload(ByteString.EMPTY)
            .setDirection(Direction.TELL).setRequestId("2").setTimeoutMs(0).build());
    }

    @Test
    void shouldEncodeIntoDirectBufferAsProtobufJavaDoes()
    {
        final UnsafeBuffer direct = filled(new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
        encoder.wrap(direct, OFFSET)
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.REQUEST_VALUE)
            .requestId(77)
            .timeoutMs(10);

        final byte[] expected = envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.REQUEST).setRequestId("77").setTimeoutMs(10).build().toByteArray();
        assertThat(encoder.encodedLength()).isEqualTo(expected.length);
        final byte[] actual = new byte[expected.length];
        direct.getBytes(OFFSET, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(direct.getByte(OFFSET - 1)).isEqualTo((byte)0xFF);
        assertThat(direct.getByte(OFFSET + expected.length)).isEqualTo((byte)0xFF);
    }

    @Test
    void shouldStartAfreshOnEachWrap()
    {
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.REQUEST_VALUE)
            .requestId(42)
            .timeoutMs(1000);

        encoder.wrap(buffer, 100);
        assertThat(encoder.encodedLength()).isZero();
        encoder.routeKey(utf8("x"), 0, 1).direction(Direction.TELL_VALUE).requestId(1).timeoutMs(0);

        final byte[] expected = envelope("x").setDirection(Direction.TELL).setRequestId("1").setTimeoutMs(0).build()
            .toByteArray();
        assertThat(encoder.encodedLength()).isEqualTo(expected.length);
        final byte[] actual = new byte[expected.length];
        buffer.getBytes(100, actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldBoundWorstCaseHeaderOverheadWithMaxLength()
    {
        // Every varint at its longest for these lengths: 2-byte lengths, a 5-byte error code, a 10-byte timeout.
        final byte[] routeKey = new byte[200];
        final byte[] payload = new byte[200];
        final byte[] requestId = new byte[200];
        final byte[] message = new byte[200];
        start()
            .routeKey(new UnsafeBuffer(routeKey), 0, routeKey.length)
            .payload(new UnsafeBuffer(payload), 0, payload.length)
            .error(0xFFFF_FFFF, new UnsafeBuffer(message), 0, message.length)
            .direction(Direction.REQUEST_VALUE)
            .requestId(new UnsafeBuffer(requestId), 0, requestId.length)
            .timeoutMs(Long.MIN_VALUE);

        assertThat(encoder.encodedLength())
            .isLessThanOrEqualTo(RpcEnvelopeEncoder.maxLength(200, 200, 200, 200));
    }

    @Test
    void shouldEncodeTraceContextAndMetadataFromBuffersAsProtobufJavaDoes()
    {
        final String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        final String tracestate = "congo=t61rcWkgMzE";
        // Every text at an offset inside one source buffer, so that each source offset is honoured.
        final String all = "xx" + traceparent + tracestate + "tenantacmeclé日本語";
        final UnsafeBuffer source = utf8(all);
        final int tenant = 2 + traceparent.length() + tracestate.length();
        final int cle = tenant + "tenantacme".length();

        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .payload(new UnsafeBuffer(PAYLOAD), 0, PAYLOAD.length)
            .direction(Direction.REQUEST_VALUE)
            .traceparent(source, 2, traceparent.length())
            .tracestate(source, 2 + traceparent.length(), tracestate.length())
            .requestId(42)
            .metadataEntry(source, tenant, 6, source, tenant + 6, 4)
            .metadataEntry(source, cle, "clé".getBytes(StandardCharsets.UTF_8).length,
                source, cle + "clé".getBytes(StandardCharsets.UTF_8).length, "日本語".getBytes(StandardCharsets.UTF_8).length)
            .timeoutMs(1000);

        assertEncodedAs(envelope(ROUTE_KEY).setPayload(ByteString.copyFrom(PAYLOAD)).setDirection(Direction.REQUEST)
            .setTraceparent(traceparent).setTracestate(tracestate).setRequestId("42")
            .addMetadata(entry("tenant", "acme")).addMetadata(entry("clé", "日本語"))
            .setTimeoutMs(1000).build());
    }

    @Test
    void shouldEncodeTraceContextAndMetadataFromTextAsProtobufJavaDoes()
    {
        final String tracestate = "vendor=café,other=日本語🎉";
        start()
            .routeKey(utf8(ROUTE_KEY), 0, ROUTE_KEY.length())
            .error(ErrorCode.TIMED_OUT.code(), utf8("late"), 0, 4)
            .direction(Direction.RESPONSE_VALUE)
            .traceparent(new StringBuilder("00-").append("0af7651916cd43dd8448eb211c80319c").append("-01"))
            .tracestate(tracestate)
            .requestId(new UnsafeBuffer("uuid-ish".getBytes(StandardCharsets.US_ASCII)), 0, 8)
            .metadataEntry("k", "v")
            .metadataEntry("", "")
            .metadataEntry("ключ", "🎉".repeat(40))
            .timeoutMs(0);

        assertEncodedAs(envelope(ROUTE_KEY)
            .setError(ErrorResponse.newBuilder().setCode(ErrorCode.TIMED_OUT.code()).setMessage("late"))
            .setDirection(Direction.RESPONSE)
            .setTraceparent("00-0af7651916cd43dd8448eb211c80319c-01").setTracestate(tracestate)
            .setRequestId("uuid-ish")
            .addMetadata(entry("k", "v")).addMetadata(entry("", "")).addMetadata(entry("ключ", "🎉".repeat(40)))
            .setTimeoutMs(0).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\uD800", "\uDC00", "a\uD83Db", "a\uDE00b", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "ok\uD83D",
        "\uD83D\uDE00\uDE00", "\uFFFF\u07FF\u0800\u0080\u007F"})
    void shouldEncodeTextWithUnpairedSurrogatesAsProtobufJavaDoes(final String text)
    {
        // protobuf-java falls back to String.getBytes(UTF_8) for such text: '?' for each unpaired surrogate.
        start()
            .routeKey(utf8("r"), 0, 1)
            .direction(Direction.TELL_VALUE)
            .traceparent(text)
            .tracestate(text)
            .requestId(1)
            .metadataEntry(text, text)
            .timeoutMs(0);

        final RpcEnvelope expected = envelope("r").setDirection(Direction.TELL).setTraceparent(text)
            .setTracestate(text).setRequestId("1").addMetadata(entry(text, text)).setTimeoutMs(0).build();
        assertEncodedAs(expected);
        assertThat(RpcEnvelopeEncoder.utf8Length(text))
            .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length)
            .isEqualTo(expected.getTraceparentBytes().size())
            .isLessThanOrEqualTo(3 * text.length());
    }

    @Test
    void shouldEncodeEmptyTraceFieldsAndEmptyEntryAsPresentFields()
    {
        start()
            .routeKey(utf8("r"), 0, 1)
            .direction(Direction.TELL_VALUE)
            .traceparent(utf8(""), 0, 0)
            .tracestate("")
            .requestId(1)
            .metadataEntry(utf8(""), 0, 0, utf8(""), 0, 0)
            .timeoutMs(0);

        // proto2: a set-but-empty string is written, and an empty entry is written as its two empty fields.
        assertEncodedAs(envelope("r").setDirection(Direction.TELL).setTraceparent("").setTracestate("")
            .setRequestId("1").addMetadata(entry("", "")).setTimeoutMs(0).build());
        assertThat(encoded()).containsSequence(0xA2, 0x06, 0x00, 0xAA, 0x06, 0x00);
        assertThat(encoded()).containsSequence(0xBA, 0x06, 0x04, 0x0A, 0x00, 0x12, 0x00);
    }

    @Test
    void shouldEncodeLongTraceFieldsAndEntriesWithMultiByteLengthsAsProtobufJavaDoes()
    {
        final String tracestate = "s".repeat(300);
        final String key = "k".repeat(200);
        final String value = "v".repeat(20_000);                // entry length above 2^14: a 3-byte varint
        start()
            .routeKey(utf8("r"), 0, 1)
            .direction(Direction.TELL_VALUE)
            .tracestate(utf8(tracestate), 0, tracestate.length())
            .requestId(MAX_18_DIGITS)
            .metadataEntry(utf8(key), 0, key.length(), utf8(value), 0, value.length())
            .metadataEntry(key, value)
            .timeoutMs(0);

        assertEncodedAs(envelope("r").setDirection(Direction.TELL).setTracestate(tracestate)
            .setRequestId(Long.toString(MAX_18_DIGITS)).addMetadata(entry(key, value)).addMetadata(entry(key, value))
            .setTimeoutMs(0).build());
    }

    @Test
    void shouldForwardTraceContextAndMetadataReadByFlyweightAsProtobufJavaWritesThem()
    {
        final RpcEnvelope received = envelope("in/route").setPayload(ByteString.copyFrom(PAYLOAD))
            .setDirection(Direction.REQUEST).setTraceparent("00-aa-bb-01").setTracestate("x=1")
            .setRequestId("7").addMetadata(entry("a", "1")).addMetadata(entry("ключ", "значение"))
            .setTimeoutMs(500).build();
        final RpcEnvelopeFlyweight in = new RpcEnvelopeFlyweight();
        assertThat(in.wrap(new UnsafeBuffer(received.toByteArray()), 0, received.getSerializedSize()))
            .isEqualTo(CodecStatus.OK);

        start()
            .routeKey(in.buffer(), in.routeKeyOffset(), in.routeKeyLength())
            .direction(Direction.RESPONSE_VALUE)
            .traceparent(in.buffer(), in.traceparentOffset(), in.traceparentLength())
            .tracestate(in.buffer(), in.tracestateOffset(), in.tracestateLength())
            .requestId(in.buffer(), in.requestIdOffset(), in.requestIdLength());
        final MetadataFlyweight metadata = new MetadataFlyweight().wrap(in);
        while (metadata.next())
        {
            encoder.metadataEntry(metadata);
        }
        encoder.timeoutMs(0);

        assertEncodedAs(received.toBuilder().clearPayload().setDirection(Direction.RESPONSE).setTimeoutMs(0).build());
    }

    @Test
    void shouldBoundWorstCaseOverheadIncludingTraceContextAndMetadataWithMaxLength()
    {
        // Every length varint at its longest for these lengths (2 bytes for 200, 3 for an entry of 40,000).
        final UnsafeBuffer field = new UnsafeBuffer(new byte[20_000]);
        start()
            .routeKey(field, 0, 200)
            .payload(field, 0, 200)
            .error(0xFFFF_FFFF, field, 0, 200)
            .direction(Direction.REQUEST_VALUE)
            .traceparent(field, 0, 200)
            .tracestate(field, 0, 200)
            .requestId(field, 0, 200)
            .metadataEntry(field, 0, 200, field, 0, 200)
            .metadataEntry(field, 0, 20_000, field, 0, 20_000)
            .metadataEntry(field, 0, 0, field, 0, 0)
            .timeoutMs(Long.MIN_VALUE);

        assertThat(encoder.encodedLength()).isLessThanOrEqualTo(
            RpcEnvelopeEncoder.maxLength(200, 200, 200, 200, 200, 200, 3, 40_400));
        assertThat(RpcEnvelopeEncoder.maxLength(200, 200, 200, 200, 0, 0, 0, 0))
            .isGreaterThan(RpcEnvelopeEncoder.maxLength(200, 200, 200, 200));
    }

    private static MetadataEntry entry(final String key, final String value)
    {
        return MetadataEntry.newBuilder().setKey(key).setValue(value).build();
    }

    private RpcEnvelopeEncoder start()
    {
        filled(buffer);
        return encoder.wrap(buffer, OFFSET);
    }

    private byte[] encoded()
    {
        final byte[] bytes = new byte[encoder.encodedLength()];
        buffer.getBytes(OFFSET, bytes);
        return bytes;
    }

    /**
     * The last encoded envelope holds exactly protobuf-java's bytes for {@code expected}, writes nothing outside
     * its range, and is bounded by {@link RpcEnvelopeEncoder#maxLength} for its field lengths.
     */
    private void assertEncodedAs(final RpcEnvelope expected)
    {
        final byte[] expectedBytes = expected.toByteArray();
        assertThat(encoder.encodedLength()).isEqualTo(expectedBytes.length);
        assertThat(encoded()).isEqualTo(expectedBytes);
        assertThat(buffer.getByte(OFFSET - 1)).isEqualTo((byte)0xFF);
        assertThat(buffer.getByte(OFFSET + expectedBytes.length)).isEqualTo((byte)0xFF);
        assertThat(encoder.encodedLength()).isLessThanOrEqualTo(maxLengthFor(expected));
    }

    private static int maxLengthFor(final RpcEnvelope envelope)
    {
        int metadataLength = 0;
        for (final MetadataEntry entry : envelope.getMetadataList())
        {
            metadataLength += entry.getKeyBytes().size() + entry.getValueBytes().size();
        }
        if (!envelope.hasTraceparent() && !envelope.hasTracestate() && envelope.getMetadataCount() == 0)
        {
            return RpcEnvelopeEncoder.maxLength(
                envelope.getRouteKeyBytes().size(),
                envelope.getPayload().size(),
                envelope.getRequestIdBytes().size(),
                envelope.getError().getMessageBytes().size());
        }
        return RpcEnvelopeEncoder.maxLength(
            envelope.getRouteKeyBytes().size(),
            envelope.getPayload().size(),
            envelope.getRequestIdBytes().size(),
            envelope.getError().getMessageBytes().size(),
            envelope.getTraceparentBytes().size(),
            envelope.getTracestateBytes().size(),
            envelope.getMetadataCount(),
            metadataLength);
    }

    private static RpcEnvelope.Builder envelope(final String routeKey)
    {
        return RpcEnvelope.newBuilder().setRouteKey(routeKey);
    }

    private static UnsafeBuffer utf8(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static UnsafeBuffer filled(final UnsafeBuffer buffer)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0xFF);
        return buffer;
    }
}
