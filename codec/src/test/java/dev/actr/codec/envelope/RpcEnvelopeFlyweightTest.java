package dev.actr.codec.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flyweight against bytes written by protobuf-java and by hand. Where it matters, the same bytes also go
 * through {@link RpcEnvelopeDecoder} (protobuf-java itself), so that each rule is pinned for both readers; the few
 * inputs on which they legitimately part ways are spelled out in tests named for the rule.
 *
 * <p>Envelopes are read at {@link #OFFSET} inside a buffer filled with 0xFF, so that an offset mix-up reads junk.
 */
class RpcEnvelopeFlyweightTest
{
    private static final int OFFSET = 5;
    private static final int UNKNOWN_FIELD = 999;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_START_GROUP = 3;
    private static final int WIRE_END_GROUP = 4;
    private static final int WIRE_FIXED32 = 5;
    private static final String UUID_ID = "123e4567-e89b-12d3-a456-426614174000";

    private final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
    private final RpcEnvelopeDecoder decoder = new RpcEnvelopeDecoder(1024 * 1024);

    @Test
    void shouldReadEveryFieldOfRequestWrittenByProtobufJava()
    {
        final byte[] payload = {0, 1, 2, (byte)0xFF, (byte)0x80};
        final RpcEnvelope request = request().setPayload(ByteString.copyFrom(payload)).setRequestId("42").build();

        assertThat(wrap(request.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(routeKey()).isEqualTo("echo.Echo/Say");
        assertThat(flyweight.routeKeyOffset()).isGreaterThanOrEqualTo(OFFSET);
        assertThat(bytes(flyweight.payloadOffset(), flyweight.payloadLength())).isEqualTo(payload);
        assertThat(flyweight.direction()).isEqualTo(Direction.REQUEST_VALUE);
        assertThat(flyweight.timeoutMs()).isEqualTo(1000);
        assertThat(requestId()).isEqualTo("42");
        assertThat(flyweight.correlationId()).isEqualTo(42);
        assertThat(flyweight.hasError()).isFalse();
        assertThat(flyweight.errorOffset()).isEqualTo(-1);
        assertThat(flyweight.errorLength()).isZero();
        assertThat(flyweight.errorCode()).isZero();
    }

    @Test
    void shouldPointIntoWrappedBufferAtProtobufJavasFieldOffsets()
    {
        final RpcEnvelope request = request().build();
        final byte[] bytes = request.toByteArray();

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);

        // route_key is the first field: tag 0x0A, length 13, then the key.
        assertThat(flyweight.routeKeyOffset()).isEqualTo(OFFSET + 2);
        assertThat(flyweight.routeKeyLength()).isEqualTo(13);
        // payload follows: tag 0x12, length 2.
        assertThat(flyweight.payloadOffset()).isEqualTo(OFFSET + 2 + 13 + 2);
        assertThat(flyweight.payloadLength()).isEqualTo(2);
        assertThat(flyweight.buffer().getByte(flyweight.requestIdOffset() - 3)).isEqualTo((byte)0xB2);
    }

    @Test
    void shouldReadErrorResponseWrittenByProtobufJava()
    {
        final ErrorResponse error = ErrorResponse.newBuilder()
            .setCode(ErrorCode.TIMED_OUT.code()).setMessage("deadline passed").build();
        final RpcEnvelope response = response().setError(error).build();

        assertThat(wrap(response.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.hasError()).isTrue();
        assertThat(flyweight.errorCode()).isEqualTo(10002);
        assertThat(ErrorCode.forCode(flyweight.errorCode())).isEqualTo(ErrorCode.TIMED_OUT);
        assertThat(bytes(flyweight.errorOffset(), flyweight.errorLength())).isEqualTo(error.toByteArray());
        assertThat(flyweight.direction()).isEqualTo(Direction.RESPONSE_VALUE);
        assertThat(flyweight.timeoutMs()).isZero();
        assertThat(flyweight.payloadOffset()).isEqualTo(-1);
        assertThat(flyweight.payloadLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL})
    void shouldReadErrorCodeAboveTwoToThe31AsUnsignedBits(final long unsignedCode)
    {
        final RpcEnvelope response = response()
            .setError(ErrorResponse.newBuilder().setCode((int)unsignedCode).setMessage("m")).build();

        assertThat(wrap(response.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.errorCode()).isEqualTo(response.getError().getCode());
        assertThat(Integer.toUnsignedLong(flyweight.errorCode())).isEqualTo(unsignedCode);
    }

    @Test
    void shouldReadErrorCodeWhereverItLiesInErrorResponse()
    {
        // protobuf-java writes code before message, but a peer may not: message, an unknown field, then code.
        final byte[] error = new Raw()
            .tag(2, WIRE_LEN).varint(2).ascii("hi")
            .tag(UNKNOWN_FIELD, WIRE_FIXED32).raw(1, 2, 3, 4)
            .tag(1, WIRE_VARINT).varint(10006)
            .toByteArray();
        final byte[] bytes = concat(response().build().toByteArray(), new Raw().tag(3, WIRE_LEN).varint(error.length)
            .append(error).toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.errorCode()).isEqualTo(10006).isEqualTo(decoder.envelope().getError().getCode());
    }

    @Test
    void shouldReadLastCodeWhenErrorResponseRepeatsIt()
    {
        // A repeated scalar field: protobuf takes the last value.
        final byte[] error = new Raw()
            .tag(1, WIRE_VARINT).varint(3)
            .tag(1, WIRE_VARINT).varint(9)
            .tag(2, WIRE_LEN).varint(1).ascii("m")
            .toByteArray();
        final byte[] bytes = concat(response().build().toByteArray(), new Raw().tag(3, WIRE_LEN).varint(error.length)
            .append(error).toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.errorCode()).isEqualTo(9).isEqualTo(decoder.envelope().getError().getCode());
    }

    @Test
    void shouldReadOnlyLastErrorFieldWhenEnvelopeRepeatsIt()
    {
        // Documented difference: protobuf-java merges repeated occurrences of a message field (code from the
        // first, message from the second here); the flyweight's error view is the last occurrence alone, so
        // errorCode() is 0 when that occurrence has no code. No encoder of ours writes error twice.
        final byte[] first = response().setError(ErrorResponse.newBuilder().setCode(10001).setMessage("a"))
            .build().toByteArray();
        final byte[] secondMessageOnly = new Raw().tag(3, WIRE_LEN).varint(3).tag(2, WIRE_LEN).varint(1).ascii("b")
            .toByteArray();
        final byte[] bytes = concat(first, secondMessageOnly);

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getError().getCode()).isEqualTo(10001);
        assertThat(decoder.envelope().getError().getMessage()).isEqualTo("b");

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.errorOffset()).isEqualTo(OFFSET + bytes.length - 3);
        assertThat(flyweight.errorLength()).isEqualTo(3);
        assertThat(flyweight.errorCode()).isZero();
    }

    @Test
    void shouldAcceptEnvelopeWhoseErrorResponseProtobufJavaRejects()
    {
        // Documented difference: the flyweight checks the envelope's own fields and steps over the nested error
        // without parsing it; protobuf-java parses it and checks its required fields. (Metadata entries the
        // flyweight checks as protobuf-java does: see MetadataFlyweightTest.)
        final byte[] garbageError = concat(response().build().toByteArray(),
            new Raw().tag(3, WIRE_LEN).varint(3).raw(0xFF, 0xFF, 0xFF).toByteArray());
        final byte[] errorWithoutMessage = response()
            .setError(ErrorResponse.newBuilder().setCode(10001).buildPartial()).buildPartial().toByteArray();

        for (final byte[] bytes : List.of(garbageError, errorWithoutMessage))
        {
            assertThat(decode(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
            assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        }
        assertThat(wrap(garbageError)).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.hasError()).isTrue();
        assertThat(flyweight.errorCode()).isZero();
        assertThat(wrap(errorWithoutMessage)).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.errorCode()).isEqualTo(10001);
    }

    @Test
    void shouldReadEmptyPayloadAsPresentWithZeroLength()
    {
        final RpcEnvelope request = request().setPayload(ByteString.EMPTY).build();

        assertThat(wrap(request.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.payloadOffset()).isGreaterThanOrEqualTo(OFFSET);
        assertThat(flyweight.payloadLength()).isZero();
    }

    @Test
    void shouldReadEmptyRouteKeyAndRequestIdAsPresent()
    {
        final RpcEnvelope tell = RpcEnvelope.newBuilder()
            .setRouteKey("").setDirection(Direction.TELL).setRequestId("").setTimeoutMs(0).build();

        assertThat(wrap(tell.toByteArray())).isEqualTo(CodecStatus.OK);
        assertThat(decode(tell.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.routeKeyLength()).isZero();
        assertThat(flyweight.requestIdLength()).isZero();
        assertThat(flyweight.correlationId()).isEqualTo(RpcEnvelopeFlyweight.NO_CORRELATION_ID);
    }

    @Test
    void shouldReadEnvelopeInDirectBuffer()
    {
        final byte[] bytes = request().setRequestId(UUID_ID).build().toByteArray();
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + 32));
        direct.setMemory(0, direct.capacity(), (byte)0xFF);
        direct.putBytes(16, bytes);

        assertThat(flyweight.wrap(direct, 16, bytes.length)).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.buffer()).isSameAs(direct);
        assertThat(routeKey()).isEqualTo("echo.Echo/Say");
        assertThat(requestId()).isEqualTo(UUID_ID);
        assertThat(flyweight.timeoutMs()).isEqualTo(1000);
    }

    @Test
    void shouldReadNonAsciiRouteKeyBytes()
    {
        final String routeKey = "café/日本語/🎉";

        assertThat(wrap(request().setRouteKey(routeKey).build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.routeKeyLength()).isEqualTo(routeKey.getBytes(StandardCharsets.UTF_8).length);
        assertThat(routeKey()).isEqualTo(routeKey);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "7, 7",
        "42, 42",
        "1000000007, 1000000007",
        "100000000000000000, 100000000000000000",
        "999999999999999999, 999999999999999999"})
    void shouldReadCorrelationIdFromDecimalRequestId(final String requestId, final long correlationId)
    {
        assertThat(wrap(request().setRequestId(requestId).build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.correlationId()).isEqualTo(correlationId);
        assertThat(requestId()).isEqualTo(requestId);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1000000000000000000",      // 19 digits
        "9223372036854775807",      // 19 digits, Long.MAX_VALUE
        "0000000000000000000",      // 19 digits, all zero
        "",
        "12a",
        "a12",
        "1/",                       // '/' is '0' - 1
        ":1",                       // ':' is '9' + 1
        "-1",
        "+1",
        " 1",
        "1 ",
        "4.2",
        "0x10",
        "042",                      // not canonical: would alias "42"
        "00",
        "١٢",                       // Arabic-Indic digits: not ASCII decimal digits
        "１２",                     // full-width digits
        UUID_ID})
    void shouldReportNoCorrelationIdForRequestIdThatIsNotACanonicalDecimalOfUpToEighteenDigits(
        final String requestId)
    {
        assertThat(wrap(request().setRequestId(requestId).build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.correlationId()).isEqualTo(RpcEnvelopeFlyweight.NO_CORRELATION_ID);
        assertThat(requestId()).isEqualTo(requestId);
    }

    @Test
    void shouldHashEqualRequestIdsEquallyWhereverTheyLie()
    {
        final byte[] first = request().setRequestId(UUID_ID).build().toByteArray();
        final byte[] second = response().setRouteKey("another/route").setPayload(ByteString.copyFrom(new byte[77]))
            .setRequestId(UUID_ID).build().toByteArray();

        assertThat(wrap(first)).isEqualTo(CodecStatus.OK);
        final long firstHash = flyweight.requestIdHash();
        final int firstOffset = flyweight.requestIdOffset();
        assertThat(flyweight.wrap(new UnsafeBuffer(concat(new byte[100], second)), 100, second.length))
            .isEqualTo(CodecStatus.OK);

        assertThat(flyweight.requestIdOffset()).isNotEqualTo(firstOffset);
        assertThat(flyweight.requestIdHash()).isEqualTo(firstHash);
    }

    @Test
    void shouldHashDifferentRequestIdsDifferently()
    {
        final List<String> ids = List.of(
            "", "a", "b", "ab", "ba", "aa", "\0", "\0\0", "1", "01", "10", "42", "042",
            UUID_ID, UUID_ID.toUpperCase(Locale.ROOT), UUID_ID.replace('0', '1'), UUID_ID.substring(1),
            UUID.nameUUIDFromBytes(new byte[] {1}).toString(), UUID.nameUUIDFromBytes(new byte[] {2}).toString());
        final Set<Long> hashes = new HashSet<>();

        for (final String id : ids)
        {
            assertThat(wrap(request().setRequestId(id).build().toByteArray())).isEqualTo(CodecStatus.OK);
            assertThat(hashes.add(flyweight.requestIdHash())).as("hash of %s is new", id).isTrue();
        }
    }

    @Test
    void shouldHashRequestIdWithFnv1a64()
    {
        // Published FNV-1a 64-bit test vectors.
        assertThat(hashOf("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(hashOf("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(hashOf("foobar")).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void shouldReadRoutingFieldsAlongsideTraceContextAndMetadata()
    {
        final RpcEnvelope request = request()
            .setTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .setTracestate("congo=t61rcWkgMzE")
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .addMetadata(MetadataEntry.newBuilder().setKey("k2").setValue("日本"))
            .build();

        assertThat(wrap(request.toByteArray())).isEqualTo(CodecStatus.OK);

        assertReads(request);
        assertThat(flyweight.hasTraceparent()).isTrue();
        assertThat(flyweight.hasTracestate()).isTrue();
        assertThat(flyweight.metadataCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(UnknownWireType.class)
    void shouldSkipUnknownFieldOfEveryWireType(final UnknownWireType wireType)
    {
        final byte[] unknown = unknownField(UNKNOWN_FIELD, wireType);
        final RpcEnvelope request = request().build();
        final byte[] routeKeyOnly = RpcEnvelope.newBuilder().setRouteKey("echo.Echo/Say").buildPartial().toByteArray();
        final byte[] rest = request.toBuilder().clearRouteKey().buildPartial().toByteArray();

        for (final byte[] bytes : List.of(
            concat(unknown, request.toByteArray()),
            concat(routeKeyOnly, unknown, rest),
            concat(request.toByteArray(), unknown),
            concat(unknown, request.toByteArray(), unknown)))
        {
            assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
            assertReads(request);
            assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 2047, 1 << 28, (1 << 29) - 1})
    void shouldSkipUnknownFieldWithLargeFieldNumber(final int fieldNumber)
    {
        // Field numbers run up to 2^29 - 1, so tags up to 2^32 - 1: past Integer.MAX_VALUE from 2^28 on.
        final byte[] bytes = concat(request().build().toByteArray(), unknownField(fieldNumber, UnknownWireType.VARINT),
            unknownField(fieldNumber, UnknownWireType.LENGTH_DELIMITED));

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertReads(request().build());
    }

    @Test
    void shouldTakeLastValueOfRepeatedScalarFieldAsProtobufJavaDoes()
    {
        final byte[] first = request().build().toByteArray();
        final byte[] overrides = RpcEnvelope.newBuilder()
            .setRouteKey("second/route")
            .setPayload(ByteString.copyFrom(new byte[] {9, 9, 9}))
            .setDirection(Direction.RESPONSE)
            .setRequestId(UUID_ID)
            .setTimeoutMs(0)
            .build().toByteArray();
        final byte[] bytes = concat(first, overrides);

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);

        assertReads(decoder.envelope());
        assertThat(routeKey()).isEqualTo("second/route");
        assertThat(flyweight.direction()).isEqualTo(Direction.RESPONSE_VALUE);
        assertThat(flyweight.timeoutMs()).isZero();
    }

    @Test
    void shouldTakeLastTimeoutWhenItRepeats()
    {
        final byte[] bytes = concat(request().build().toByteArray(), new Raw().tag(104, WIRE_VARINT).varint(7)
            .toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.timeoutMs()).isEqualTo(7);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getTimeoutMs()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"route_key", "request_id", "timeout_ms"})
    void shouldRejectMissingRequiredFieldAsMalformed(final String field)
    {
        final RpcEnvelope.Builder builder = request();
        builder.clearField(RpcEnvelope.getDescriptor().findFieldByName(field));
        final byte[] bytes = builder.buildPartial().toByteArray();

        assertBoth(bytes, CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectEmptyInputAsMalformed()
    {
        assertBoth(new byte[0], CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectStrayGroupWireTypesAsMalformed()
    {
        final byte[] valid = request().build().toByteArray();

        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_END_GROUP).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_START_GROUP).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(new Raw().tag(1, WIRE_START_GROUP).toByteArray(), valid), CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectWellFormedGroupThatProtobufJavaSkips()
    {
        // Documented difference: protobuf-java steps over a start-group ... end-group pair as an unknown field;
        // the flyweight takes no group at all (deprecated since proto2, never part of the actr protocol).
        final byte[] group = new Raw()
            .tag(UNKNOWN_FIELD, WIRE_START_GROUP).tag(1, WIRE_VARINT).varint(5).tag(UNKNOWN_FIELD, WIRE_END_GROUP)
            .toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(), group);

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5})
    void shouldRejectFieldNumberZeroAsMalformed(final int wireType)
    {
        final byte[] bytes = concat(new Raw().tag(0, wireType).raw(0, 0, 0, 0, 0, 0, 0, 0).toByteArray(),
            request().build().toByteArray());

        assertBoth(bytes, CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void shouldRejectUndefinedWireTypeAsMalformed(final int wireType)
    {
        final byte[] bytes = concat(request().build().toByteArray(),
            new Raw().tag(UNKNOWN_FIELD, wireType).raw(0, 0, 0, 0, 0, 0, 0, 0).toByteArray());

        assertBoth(bytes, CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({
        "route_key, VARINT", "route_key, FIXED32", "payload, VARINT", "payload, FIXED64", "error, FIXED32",
        "direction, LENGTH_DELIMITED", "direction, FIXED64", "request_id, FIXED64", "request_id, VARINT",
        "timeout_ms, LENGTH_DELIMITED", "timeout_ms, FIXED32", "traceparent, VARINT", "traceparent, FIXED64",
        "tracestate, FIXED32", "tracestate, VARINT", "metadata, VARINT", "metadata, FIXED32"})
    void shouldRejectKnownFieldWithWrongWireTypeAsMalformed(final String field, final UnknownWireType wireType)
    {
        final int number = RpcEnvelope.getDescriptor().findFieldByName(field).getNumber();
        final RpcEnvelope full = request().setTraceparent("p").setTracestate("s")
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v")).build();
        final RpcEnvelope.Builder without = full.toBuilder();
        without.clearField(RpcEnvelope.getDescriptor().findFieldByName(field));
        final byte[] instead = concat(without.buildPartial().toByteArray(), unknownField(number, wireType));
        final byte[] besides = concat(full.toByteArray(), unknownField(number, wireType));

        assertThat(wrap(instead)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(besides)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);

        // Documented difference: protobuf-java keeps a known field number of another wire type as an unknown
        // field. In place of a required field that leaves it missing; next to a well-typed one it is ignored.
        // (A missing direction is INVALID_DIRECTION there, not MALFORMED_MESSAGE.)
        assertThat(decode(instead)).isEqualTo(
            "direction".equals(field) ? CodecStatus.INVALID_DIRECTION :
            "route_key".equals(field) || "request_id".equals(field) || "timeout_ms".equals(field) ?
                CodecStatus.MALFORMED_MESSAGE : CodecStatus.OK);
        assertThat(decode(besides)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getUnknownFields().hasField(number)).isTrue();
    }

    @Test
    void shouldRejectLengthRunningPastEndAsMalformed()
    {
        final byte[] valid = request().build().toByteArray();

        assertBoth(new Raw().tag(1, WIRE_LEN).varint(10).ascii("short").toByteArray(), CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_LEN).varint(2).raw(1).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(2, WIRE_LEN).varint(Integer.MAX_VALUE).raw(1).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        // 2^31 .. 2^32 - 1: a negative int to protobuf-java, far past the end to the flyweight.
        assertBoth(concat(valid, new Raw().tag(2, WIRE_LEN).varint(0xFFFF_FFFFL).raw(1).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_FIXED64).raw(1, 2, 3, 4, 5, 6, 7).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_FIXED32).raw(1, 2, 3).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectVarintLongerThanTenBytesAsMalformed()
    {
        final int[] elevenBytes = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
        final byte[] withoutTimeout = request().clearTimeoutMs().buildPartial().toByteArray();
        final byte[] valid = request().build().toByteArray();

        assertBoth(concat(withoutTimeout, new Raw().tag(104, WIRE_VARINT).raw(elevenBytes).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().raw(elevenBytes).toByteArray()), CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_VARINT).raw(elevenBytes).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(UNKNOWN_FIELD, WIRE_LEN).raw(elevenBytes).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
        assertBoth(concat(valid, new Raw().tag(4, WIRE_VARINT).raw(elevenBytes).toByteArray()),
            CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldReadTenByteVarintsWithNonCanonicalPadding()
    {
        // 1 written in ten bytes (padded with continuation bytes) is still 1, for protobuf-java and the flyweight.
        final int[] paddedOne = {0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
        final byte[] bytes = concat(request().clearTimeoutMs().buildPartial().toByteArray(),
            new Raw().tag(104, WIRE_VARINT).raw(paddedOne).toByteArray());

        assertBoth(bytes, CodecStatus.OK);
        assertThat(flyweight.timeoutMs()).isEqualTo(1);
    }

    @Test
    void shouldRejectEveryTruncationOfValidEnvelopeAsMalformed()
    {
        final byte[] bytes = request()
            .setTraceparent("t").addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .setRequestId(UUID_ID).setTimeoutMs(300_000).build().toByteArray();

        for (int length = 0; length < bytes.length; length++)
        {
            final byte[] prefix = Arrays.copyOf(bytes, length);
            assertThat(wrap(prefix)).as("prefix of %d bytes", length).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
            assertThat(decode(prefix)).as("prefix of %d bytes", length).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        }
        assertBoth(bytes, CodecStatus.OK);
    }

    @Test
    void shouldRejectMissingDirectionAsInvalidDirection()
    {
        assertBoth(request().clearDirection().build().toByteArray(), CodecStatus.INVALID_DIRECTION);
        assertThat(flyweight.direction()).isZero();
    }

    @Test
    void shouldRejectUnspecifiedDirectionAsInvalidDirection()
    {
        final byte[] bytes = request().setDirection(Direction.UNSPECIFIED).setTimeoutMs(0).build().toByteArray();

        assertThat(bytes).containsSequence(0x20, 0x00);     // proto2: a set enum is written even when 0
        assertBoth(bytes, CodecStatus.INVALID_DIRECTION);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 7, 127, 128, 0x7FFF_FFFFL, -1, 0x1_0000_0000L})
    void shouldRejectUnknownDirectionNumberAsInvalidDirection(final long number)
    {
        final byte[] bytes = concat(request().clearDirection().build().toByteArray(),
            new Raw().tag(4, WIRE_VARINT).varint(number).toByteArray());

        assertBoth(bytes, CodecStatus.INVALID_DIRECTION);
    }

    @Test
    void shouldReadDirectionFromLow32BitsOfVarintAsProtobufJavaDoes()
    {
        // An enum is an int32 on the wire: both readers keep the low 32 bits of a wider varint.
        final byte[] bytes = concat(request().clearDirection().build().toByteArray(),
            new Raw().tag(4, WIRE_VARINT).varint(0x1_0000_0001L).toByteArray());

        assertBoth(bytes, CodecStatus.OK);
        assertThat(flyweight.direction()).isEqualTo(Direction.REQUEST_VALUE);
        assertThat(decoder.envelope().getDirection()).isEqualTo(Direction.REQUEST);
    }

    @Test
    void shouldTakeUnknownDirectionAfterKnownOneUnlikeProtobufJava()
    {
        // Documented difference: Direction is a proto2 (closed) enum, so protobuf-java files an unknown number
        // under unknown fields and keeps the REQUEST read before it; the flyweight takes the last number.
        final byte[] bytes = concat(request().build().toByteArray(),
            new Raw().tag(4, WIRE_VARINT).varint(7).toByteArray());

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getDirection()).isEqualTo(Direction.REQUEST);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.INVALID_DIRECTION);
        assertThat(flyweight.direction()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -30_000, Long.MIN_VALUE})
    void shouldRejectRequestWithoutPositiveTimeoutAsInvalidDeadline(final long timeoutMs)
    {
        assertBoth(request().setTimeoutMs(timeoutMs).build().toByteArray(), CodecStatus.INVALID_DEADLINE);
        assertThat(flyweight.timeoutMs()).isEqualTo(timeoutMs);
    }

    @ParameterizedTest
    @CsvSource({
        "RESPONSE, 1", "RESPONSE, 30000", "RESPONSE, 9223372036854775807", "RESPONSE, -1",
        "RESPONSE, -9223372036854775808", "TELL, 1", "TELL, -5"})
    void shouldRejectResponseOrTellWithNonZeroTimeoutAsInvalidDeadline(final Direction direction, final long timeoutMs)
    {
        assertBoth(request().setDirection(direction).setTimeoutMs(timeoutMs).build().toByteArray(),
            CodecStatus.INVALID_DEADLINE);
    }

    @Test
    void shouldCheckDirectionBeforeDeadline()
    {
        assertBoth(request().clearDirection().setTimeoutMs(-1).build().toByteArray(), CodecStatus.INVALID_DIRECTION);
    }

    @Test
    void shouldRejectTagAbove32BitsThatProtobufJavaTruncates()
    {
        // Documented difference: a tag is a uint32, but protobuf-java reads a wider tag varint and keeps its low
        // 32 bits (here field 999, varint); the flyweight rejects it.
        final byte[] bytes = concat(request().build().toByteArray(),
            new Raw().varint((long)UNKNOWN_FIELD << 3 | WIRE_VARINT | 1L << 32).varint(1).toByteArray());

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decoder.envelope().getUnknownFields().hasField(UNKNOWN_FIELD)).isTrue();
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectLengthAbove32BitsThatProtobufJavaTruncates()
    {
        // Documented difference: protobuf-java reads a length as the low 32 bits of its varint (here 2^32 + 1,
        // read as 1); the flyweight reads all 64 bits and finds the length running past the end.
        final byte[] bytes = concat(request().build().toByteArray(),
            new Raw().tag(UNKNOWN_FIELD, WIRE_LEN).varint(1L << 32 | 1).raw('x').toByteArray());

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({"-1, 4", "0, -1", "0, 65", "60, 5", "64, 1", "2147483647, 1", "-2147483648, 0", "1, 2147483647"})
    void shouldReportTruncatedForBadOffsetOrLength(final int offset, final int length)
    {
        assertThat(flyweight.wrap(new UnsafeBuffer(new byte[64]), offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(decoder.decode(new UnsafeBuffer(new byte[64]), offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertForgotten();
    }

    @Test
    void shouldReadZeroLengthAtEndOfBufferAsEmptyEnvelopeNotAsBadRange()
    {
        assertThat(flyweight.wrap(new UnsafeBuffer(new byte[64]), 64, 0)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldNotReadPastGivenLengthIntoFollowingBytes()
    {
        final byte[] withoutTimeout = request().clearTimeoutMs().buildPartial().toByteArray();
        final byte[] timeout = new Raw().tag(104, WIRE_VARINT).varint(1000).toByteArray();
        final byte[] backing = concat(withoutTimeout, timeout);

        assertThat(flyweight.wrap(new UnsafeBuffer(backing), 0, withoutTimeout.length))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(flyweight.wrap(new UnsafeBuffer(backing), 0, backing.length)).isEqualTo(CodecStatus.OK);
    }

    @Test
    void shouldForgetEveryFieldWhenWrapFails()
    {
        final RpcEnvelope full = response().setPayload(ByteString.copyFrom(new byte[] {1}))
            .setError(ErrorResponse.newBuilder().setCode(10001).setMessage("m")).setRequestId("42")
            .setTraceparent("p").setTracestate("s").addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .build();
        assertThat(wrap(full.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(wrap(new byte[] {(byte)0xFF})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);

        assertForgotten();
    }

    @Test
    void shouldCarryNoStaleFieldIntoWrapAfterFailedWrap()
    {
        final RpcEnvelope full = response().setPayload(ByteString.copyFrom(new byte[] {1, 2, 3}))
            .setError(ErrorResponse.newBuilder().setCode(10001).setMessage("m")).setRequestId("42")
            .setTraceparent("p").setTracestate("s").addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .build();
        final byte[] fullBytes = full.toByteArray();
        assertThat(wrap(fullBytes)).isEqualTo(CodecStatus.OK);
        // Fails at its very end, after reading every field but the timeout.
        assertThat(wrap(Arrays.copyOf(fullBytes, fullBytes.length - 1))).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        final RpcEnvelope sparse = RpcEnvelope.newBuilder()
            .setRouteKey("x").setDirection(Direction.TELL).setRequestId(UUID_ID).setTimeoutMs(0).build();

        assertThat(wrap(sparse.toByteArray())).isEqualTo(CodecStatus.OK);

        assertReads(sparse);
        assertThat(flyweight.payloadOffset()).isEqualTo(-1);
        assertThat(flyweight.payloadLength()).isZero();
        assertThat(flyweight.hasError()).isFalse();
        assertThat(flyweight.errorLength()).isZero();
        assertThat(flyweight.errorCode()).isZero();
        assertThat(flyweight.correlationId()).isEqualTo(RpcEnvelopeFlyweight.NO_CORRELATION_ID);
        assertNoTraceContextOrMetadata();
    }

    @Test
    void shouldReportMissingRequiredFieldAfterEnvelopeThatHadIt()
    {
        assertThat(wrap(request().build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(wrap(request().clearTimeoutMs().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(request().clearRouteKey().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(request().clearRequestId().buildPartial().toByteArray()))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(request().clearDirection().build().toByteArray())).isEqualTo(CodecStatus.INVALID_DIRECTION);
    }

    /** Unknown-field shapes of each wire type, written by protobuf-java's {@link UnknownFieldSet}. */
    enum UnknownWireType
    {
        VARINT, FIXED64, LENGTH_DELIMITED, FIXED32
    }

    static byte[] unknownField(final int number, final UnknownWireType wireType)
    {
        final UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
        switch (wireType)
        {
            case VARINT:
                field.addVarint(-1L);
                break;
            case FIXED64:
                field.addFixed64(0x0102_0304_0506_0708L);
                break;
            case LENGTH_DELIMITED:
                field.addLengthDelimited(ByteString.copyFromUtf8("unknown bytes"));
                break;
            default:
                field.addFixed32(0xCAFE_BABE);
                break;
        }
        return UnknownFieldSet.newBuilder().addField(number, field.build()).build().toByteArray();
    }

    private void assertReads(final RpcEnvelope expected)
    {
        assertThat(routeKey()).isEqualTo(expected.getRouteKey());
        if (expected.hasPayload())
        {
            assertThat(bytes(flyweight.payloadOffset(), flyweight.payloadLength()))
                .isEqualTo(expected.getPayload().toByteArray());
        }
        else
        {
            assertThat(flyweight.payloadOffset()).isEqualTo(-1);
        }
        assertThat(flyweight.direction()).isEqualTo(expected.getDirection().getNumber());
        assertThat(flyweight.timeoutMs()).isEqualTo(expected.getTimeoutMs());
        assertThat(requestId()).isEqualTo(expected.getRequestId());
        assertThat(flyweight.hasError()).isEqualTo(expected.hasError());
        if (expected.hasError())
        {
            assertThat(flyweight.errorCode()).isEqualTo(expected.getError().getCode());
        }
    }

    private void assertForgotten()
    {
        assertThat(flyweight.routeKeyOffset()).isEqualTo(-1);
        assertThat(flyweight.routeKeyLength()).isZero();
        assertThat(flyweight.payloadOffset()).isEqualTo(-1);
        assertThat(flyweight.payloadLength()).isZero();
        assertThat(flyweight.hasError()).isFalse();
        assertThat(flyweight.errorOffset()).isEqualTo(-1);
        assertThat(flyweight.errorLength()).isZero();
        assertThat(flyweight.errorCode()).isZero();
        assertThat(flyweight.direction()).isZero();
        assertThat(flyweight.timeoutMs()).isZero();
        assertThat(flyweight.requestIdOffset()).isEqualTo(-1);
        assertThat(flyweight.requestIdLength()).isZero();
        assertThat(flyweight.correlationId()).isEqualTo(RpcEnvelopeFlyweight.NO_CORRELATION_ID);
        assertNoTraceContextOrMetadata();
    }

    private void assertNoTraceContextOrMetadata()
    {
        assertThat(flyweight.hasTraceparent()).isFalse();
        assertThat(flyweight.traceparentOffset()).isEqualTo(-1);
        assertThat(flyweight.traceparentLength()).isZero();
        assertThat(flyweight.hasTracestate()).isFalse();
        assertThat(flyweight.tracestateOffset()).isEqualTo(-1);
        assertThat(flyweight.tracestateLength()).isZero();
        assertThat(flyweight.metadataCount()).isZero();
        assertThat(new MetadataFlyweight().wrap(flyweight).next()).isFalse();
    }

    /** The flyweight and protobuf-java ({@link RpcEnvelopeDecoder}) give the same status. */
    private void assertBoth(final byte[] bytes, final CodecStatus expected)
    {
        assertThat(decode(bytes)).as("RpcEnvelopeDecoder").isEqualTo(expected);
        assertThat(wrap(bytes)).as("RpcEnvelopeFlyweight").isEqualTo(expected);
    }

    private CodecStatus wrap(final byte[] bytes)
    {
        final byte[] backing = new byte[OFFSET + bytes.length + 8];
        Arrays.fill(backing, (byte)0xFF);
        System.arraycopy(bytes, 0, backing, OFFSET, bytes.length);
        return flyweight.wrap(new UnsafeBuffer(backing), OFFSET, bytes.length);
    }

    private CodecStatus decode(final byte[] bytes)
    {
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private long hashOf(final String requestId)
    {
        assertThat(wrap(request().setRequestId(requestId).build().toByteArray())).isEqualTo(CodecStatus.OK);
        return flyweight.requestIdHash();
    }

    private String routeKey()
    {
        return string(flyweight.buffer(), flyweight.routeKeyOffset(), flyweight.routeKeyLength());
    }

    private String requestId()
    {
        return string(flyweight.buffer(), flyweight.requestIdOffset(), flyweight.requestIdLength());
    }

    private byte[] bytes(final int offset, final int length)
    {
        assertThat(offset).isGreaterThanOrEqualTo(0);
        final byte[] bytes = new byte[length];
        flyweight.buffer().getBytes(offset, bytes);
        return bytes;
    }

    private static String string(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static RpcEnvelope.Builder request()
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey("echo.Echo/Say")
            .setPayload(ByteString.copyFrom(new byte[] {1, 2}))
            .setDirection(Direction.REQUEST)
            .setRequestId("42")
            .setTimeoutMs(1000);
    }

    private static RpcEnvelope.Builder response()
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey("echo.Echo/Say")
            .setDirection(Direction.RESPONSE)
            .setRequestId("42")
            .setTimeoutMs(0);
    }

    /** Protobuf bytes written by hand, for inputs protobuf-java will not write: bad lengths, odd tags, groups. */
    static final class Raw
    {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Raw tag(final int fieldNumber, final int wireType)
        {
            return varint((long)fieldNumber << 3 | wireType);
        }

        Raw varint(final long value)
        {
            long remaining = value;
            while ((remaining & ~0x7FL) != 0)
            {
                out.write((int)(remaining & 0x7F) | 0x80);
                remaining >>>= 7;
            }
            out.write((int)remaining);
            return this;
        }

        Raw raw(final int... bytes)
        {
            for (final int b : bytes)
            {
                out.write(b);
            }
            return this;
        }

        Raw ascii(final String text)
        {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Raw append(final byte[] bytes)
        {
            out.writeBytes(bytes);
            return this;
        }

        byte[] toByteArray()
        {
            return out.toByteArray();
        }
    }
}
