package dev.actr.codec.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.RandomTrials;
import dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.Raw;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dev.actr.codec.RandomTrials.between;
import static dev.actr.codec.RandomTrials.oneOf;
import static dev.actr.codec.RandomTrials.sizeUpTo;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random-trial properties of the envelope codecs (see {@link RandomTrials}; a failing trial names the seed
 * that re-runs it alone):
 * <ul>
 *     <li>the encoder writes protobuf-java's bytes for any envelope it can express (trace context and 0..N
 *     metadata entries included, from buffers or from text), and the flyweight reads every field back;</li>
 *     <li>the flyweight and protobuf-java ({@link RpcEnvelopeDecoder}) agree on which inputs are valid envelopes,
 *     except for the inputs {@link Divergence} and {@link Nested} name, where the exact rule is asserted;</li>
 *     <li>whatever the bytes, the flyweights return a status and never throw or point outside the input.</li>
 * </ul>
 */
class EnvelopeCodecPropertiesTest
{
    private static final int TRIALS = 400;
    private static final int MAX_PAYLOAD = 4 * 1024;
    private static final int MAX_RANDOM_INPUT = 2 * 1024;
    private static final long MAX_18_DIGITS = 999_999_999_999_999_999L;
    private static final Set<CodecStatus> ENVELOPE_STATUSES = EnumSet.of(
        CodecStatus.OK, CodecStatus.MALFORMED_MESSAGE, CodecStatus.INVALID_DIRECTION, CodecStatus.INVALID_DEADLINE);
    private static final Direction[] VALID_DIRECTIONS = {Direction.REQUEST, Direction.RESPONSE, Direction.TELL};
    private static final int[] INTERESTING_FIELDS = {
        1, 2, 3, 4, 100, 101, 102, 103, 104, 5, 999, 1 << 28, (1 << 29) - 1};

    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
    private final MetadataFlyweight metadata = new MetadataFlyweight();
    private final RpcEnvelopeDecoder decoder = new RpcEnvelopeDecoder(1024 * 1024);
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    @Test
    void shouldEncodeRandomValidEnvelopeAsProtobufJavaDoesAndReadEveryFieldBack()
    {
        RandomTrials.run(TRIALS, random ->
        {
            final RpcEnvelope envelope = validEnvelope(random);
            final PayloadWrite payloadWrite = PayloadWrite.values()[random.nextInt(PayloadWrite.values().length)];
            final boolean textFromChars = random.nextBoolean();
            final MetadataEntry payloadMessage = payloadWrite == PayloadWrite.MESSAGE_IN_PLACE ?
                payloadMessage(random) : null;
            final RpcEnvelope expected = payloadMessage == null ?
                envelope : envelope.toBuilder().setPayload(payloadMessage.toByteString()).build();
            final int maxLength = maxLengthOf(expected);
            final int offset = between(random, 0, 16);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + maxLength + 16]);

            final int length = encode(expected, payloadWrite, payloadMessage, textFromChars, buffer, offset);

            final byte[] protobufBytes = expected.toByteArray();
            assertThat(length).isEqualTo(protobufBytes.length).isLessThanOrEqualTo(maxLength);
            assertThat(copy(buffer, offset, length)).isEqualTo(protobufBytes);
            assertThat(flyweight.wrap(buffer, offset, length)).isEqualTo(CodecStatus.OK);
            assertReadsBack(expected);
            assertThat(decoder.decode(buffer, offset, length)).isEqualTo(CodecStatus.OK);
            assertThat(decoder.envelope()).isEqualTo(expected);
        });
    }

    @Test
    void shouldAgreeWithProtobufJavaOnEnvelopesAssembledFieldByField()
    {
        RandomTrials.run(TRIALS, random -> assertAgreement(assembledEnvelope(random), random));

        // The generator reaches both sides of every rule, so the property is not vacuous.
        assertThat(outcomes).containsKeys(
            Outcome.BOTH_OK, Outcome.BOTH_REJECT_ALIKE, Outcome.ONLY_PROTOBUF_ACCEPTS, Outcome.ONLY_FLYWEIGHT_ACCEPTS);
    }

    @Test
    void shouldAgreeWithProtobufJavaOnMutatedValidEnvelopes()
    {
        RandomTrials.run(TRIALS, random ->
            assertAgreement(mutate(random, validEnvelope(random).toByteArray()), random));

        assertThat(outcomes).containsKeys(Outcome.BOTH_OK, Outcome.BOTH_REJECT_ALIKE);
    }

    @Test
    void shouldAgreeWithProtobufJavaOnRandomBytes()
    {
        RandomTrials.run(TRIALS, random ->
            assertAgreement(RandomTrials.bytes(random, sizeUpTo(random, MAX_RANDOM_INPUT)), random));
    }

    @Test
    void shouldReportTruncatedForRangesOutsideTheBufferWithoutThrowing()
    {
        RandomTrials.run(TRIALS, random ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(RandomTrials.bytes(random, sizeUpTo(random, 64)));
            final int capacity = buffer.capacity();
            final int offset = oneOf(random, -1, Integer.MIN_VALUE, random.nextInt(), between(random, 0, capacity));
            final int length = oneOf(random, -1, Integer.MAX_VALUE, random.nextInt(), capacity - offset + 1);
            final boolean inside = offset >= 0 && length >= 0 && (long)offset + length <= capacity;

            final CodecStatus status = flyweight.wrap(buffer, offset, length);
            final CodecStatus chunkStatus = new DataChunkFlyweight().wrap(buffer, offset, length);

            if (!inside)
            {
                assertThat(status).isEqualTo(CodecStatus.TRUNCATED);
                assertThat(chunkStatus).isEqualTo(CodecStatus.TRUNCATED);
                assertThat(decoder.decode(buffer, offset, length)).isEqualTo(CodecStatus.TRUNCATED);
            }
            else
            {
                assertThat(status).isIn(ENVELOPE_STATUSES);
                assertThat(chunkStatus).isIn(CodecStatus.OK, CodecStatus.MALFORMED_MESSAGE);
            }
        });
    }

    @Test
    void shouldReadDataChunksAsProtobufJavaDoesWhateverTheBytes()
    {
        final DataChunkFlyweight chunkFlyweight = new DataChunkFlyweight();
        RandomTrials.run(TRIALS, random ->
        {
            final DataChunk valid = DataChunk.newBuilder()
                .setStreamId(text(random, sizeUpTo(random, 40)))
                .setSequence(edgeOrRandomLong(random))
                .setPayload(ByteString.copyFrom(RandomTrials.bytes(random, sizeUpTo(random, MAX_PAYLOAD))))
                .build();
            final int kind = random.nextInt(4);
            final byte[] bytes = kind == 0 ? RandomTrials.bytes(random, sizeUpTo(random, MAX_RANDOM_INPUT)) :
                kind == 1 ? valid.toByteArray() : mutate(random, valid.toByteArray());
            final int offset = between(random, 0, 8);
            final UnsafeBuffer buffer = new UnsafeBuffer(concat(RandomTrials.bytes(random, offset), bytes,
                RandomTrials.bytes(random, 8)));

            final CodecStatus status = chunkFlyweight.wrap(buffer, offset, bytes.length);

            assertThat(status).isIn(CodecStatus.OK, CodecStatus.MALFORMED_MESSAGE);
            if (kind == 1)
            {
                assertThat(status).isEqualTo(CodecStatus.OK);
            }
            if (status == CodecStatus.OK && parses(bytes))
            {
                // Both accept: both take the last stream_id and the last sequence.
                final DataChunk parsed = DataChunk.parseFrom(bytes);
                assertThat(copy(buffer, chunkFlyweight.streamIdOffset(), chunkFlyweight.streamIdLength()))
                    .isEqualTo(parsed.getStreamIdBytes().toByteArray());
                assertThat(chunkFlyweight.sequence()).isEqualTo(parsed.getSequence());
            }
            if (status == CodecStatus.OK)
            {
                assertThat(chunkFlyweight.streamIdOffset()).isGreaterThanOrEqualTo(offset);
                assertThat(chunkFlyweight.streamIdOffset() + chunkFlyweight.streamIdLength())
                    .isLessThanOrEqualTo(offset + bytes.length);
            }
        });
    }

    @Test
    void shouldClassifyEachDocumentedDivergenceFromItsExample() throws IOException
    {
        final byte[] valid = RpcEnvelope.newBuilder().setRouteKey("r").setDirection(Direction.REQUEST)
            .setRequestId("1").setTimeoutMs(5).build().toByteArray();
        final UnknownFieldSet group = UnknownFieldSet.newBuilder().addField(999, UnknownFieldSet.Field.newBuilder()
            .addGroup(UnknownFieldSet.newBuilder().addField(1, varintField(5)).build()).build()).build();

        assertThat(Divergence.of(valid)).isEqualTo(Divergence.NONE);
        assertThat(Divergence.of(concat(valid, group.toByteArray()))).isEqualTo(Divergence.GROUP);
        assertThat(Divergence.of(concat(valid, new Raw().tag(102, 0).varint(1).toByteArray())))
            .isEqualTo(Divergence.KNOWN_FIELD_OF_OTHER_WIRE_TYPE);
        assertThat(Divergence.of(concat(valid, new Raw().varint(999L << 3 | 1L << 35).varint(1).toByteArray())))
            .isEqualTo(Divergence.VARINT_ABOVE_32_BITS);
        assertThat(Divergence.of(concat(valid, new Raw().tag(999, 2).varint(1L << 33).toByteArray())))
            .isEqualTo(Divergence.VARINT_ABOVE_32_BITS);
        assertThat(Divergence.of(concat(valid, new Raw().tag(4, 0).varint(9).toByteArray())))
            .isEqualTo(Divergence.UNKNOWN_DIRECTION);
        assertThat(Divergence.of(new Raw().tag(1, 2).varint(9).toByteArray())).isEqualTo(Divergence.NONE);
        assertThat(Divergence.of(concat(valid, new Raw().tag(100, 0).varint(1).toByteArray())))
            .isEqualTo(Divergence.KNOWN_FIELD_OF_OTHER_WIRE_TYPE);
        assertThat(Divergence.of(concat(valid, new Raw().tag(103, 5).raw(1, 2, 3, 4).toByteArray())))
            .isEqualTo(Divergence.KNOWN_FIELD_OF_OTHER_WIRE_TYPE);
        final byte[] keyAndValue = MetadataEntry.newBuilder().setKey("k").setValue("v").build().toByteArray();
        assertThat(Divergence.of(concat(valid, metadataField(keyAndValue)))).isEqualTo(Divergence.NONE);
        assertThat(Divergence.of(concat(valid, metadataField(concat(keyAndValue, group.toByteArray())))))
            .isEqualTo(Divergence.GROUP);
        assertThat(Divergence.of(concat(valid, metadataField(concat(keyAndValue,
            new Raw().tag(2, 0).varint(1).toByteArray()))))).isEqualTo(Divergence.KNOWN_FIELD_OF_OTHER_WIRE_TYPE);
        assertThat(Divergence.of(concat(valid, metadataField(concat(keyAndValue,
            new Raw().varint(9L << 3 | 1L << 33).varint(1).toByteArray()))))).isEqualTo(Divergence.VARINT_ABOVE_32_BITS);
        assertThat(Divergence.of(concat(valid, metadataField(new Raw().tag(1, 2).varint(5).toByteArray()))))
            .isEqualTo(Divergence.NONE);                        // a cut-off entry: both reject

        final ByteArrayOutputStream nested = new ByteArrayOutputStream();
        final CodedOutputStream out = CodedOutputStream.newInstance(nested);
        out.writeBytes(3, ErrorResponse.newBuilder().setCode(1).buildPartial().toByteString());
        out.flush();
        assertThat(Nested.of(valid)).isEqualTo(Nested.VALID);
        assertThat(Nested.of(concat(valid, nested.toByteArray()))).isEqualTo(Nested.INVALID);
        assertThat(Nested.of(new byte[] {(byte)0xFF})).isEqualTo(Nested.TOP_LEVEL_MALFORMED);
    }

    /**
     * The agreement property for one input: the flyweight's status, protobuf-java's status and the documented
     * rules fit together.
     */
    private void assertAgreement(final byte[] bytes, final Random random)
    {
        final int offset = between(random, 0, 8);
        final UnsafeBuffer buffer = new UnsafeBuffer(concat(RandomTrials.bytes(random, offset), bytes,
            RandomTrials.bytes(random, between(random, 0, 8))));

        final CodecStatus flyweightStatus = flyweight.wrap(buffer, offset, bytes.length);
        final CodecStatus protobufStatus = decoder.decode(buffer, offset, bytes.length);
        final Divergence divergence = Divergence.of(bytes);
        final Nested nested = Nested.of(bytes);

        assertThat(flyweightStatus).isIn(ENVELOPE_STATUSES);
        assertThat(protobufStatus).isIn(ENVELOPE_STATUSES);
        if (flyweightStatus == CodecStatus.OK)
        {
            assertWithinInput(offset, bytes.length);
            // The nested error is the flyweight's one blind spot: it accepts exactly what protobuf-java accepts
            // once the error parses (metadata entries it checks itself).
            assertThat(nested).isNotEqualTo(Nested.TOP_LEVEL_MALFORMED);
            assertThat(protobufStatus)
                .isEqualTo(nested == Nested.VALID ? CodecStatus.OK : CodecStatus.MALFORMED_MESSAGE);
        }
        else if (protobufStatus == CodecStatus.OK)
        {
            // Everything else protobuf-java accepts and the flyweight does not is one of the documented divergences.
            assertThat(divergence).isNotEqualTo(Divergence.NONE);
            assertThat(flyweightStatus).isEqualTo(divergence.flyweightStatus);
        }
        if (divergence == Divergence.NONE && nested != Nested.INVALID)
        {
            // Outside those rules the two give the very same status, not only the same verdict.
            assertThat(flyweightStatus).isEqualTo(protobufStatus);
        }
        outcomes.merge(Outcome.of(flyweightStatus, protobufStatus), 1, Integer::sum);
    }

    private void assertWithinInput(final int offset, final int length)
    {
        final int end = offset + length;
        assertRange(flyweight.routeKeyOffset(), flyweight.routeKeyLength(), offset, end);
        assertRange(flyweight.requestIdOffset(), flyweight.requestIdLength(), offset, end);
        if (flyweight.payloadOffset() >= 0)
        {
            assertRange(flyweight.payloadOffset(), flyweight.payloadLength(), offset, end);
        }
        if (flyweight.hasError())
        {
            assertRange(flyweight.errorOffset(), flyweight.errorLength(), offset, end);
            flyweight.errorCode();
        }
        if (flyweight.hasTraceparent())
        {
            assertRange(flyweight.traceparentOffset(), flyweight.traceparentLength(), offset, end);
        }
        if (flyweight.hasTracestate())
        {
            assertRange(flyweight.tracestateOffset(), flyweight.tracestateLength(), offset, end);
        }
        metadata.wrap(flyweight);
        int entries = 0;
        while (metadata.next())
        {
            assertRange(metadata.keyOffset(), metadata.keyLength(), offset, end);
            assertRange(metadata.valueOffset(), metadata.valueLength(), offset, end);
            entries++;
        }
        assertThat(entries).isEqualTo(flyweight.metadataCount());
        flyweight.correlationId();
        flyweight.requestIdHash();
    }

    private static void assertRange(final int rangeOffset, final int rangeLength, final int start, final int end)
    {
        assertThat(rangeOffset).isBetween(start, end);
        assertThat(rangeLength).isBetween(0, end - rangeOffset);
    }

    private void assertReadsBack(final RpcEnvelope expected)
    {
        final DirectBuffer buffer = flyweight.buffer();
        assertThat(copy(buffer, flyweight.routeKeyOffset(), flyweight.routeKeyLength()))
            .isEqualTo(expected.getRouteKeyBytes().toByteArray());
        if (expected.hasPayload())
        {
            assertThat(copy(buffer, flyweight.payloadOffset(), flyweight.payloadLength()))
                .isEqualTo(expected.getPayload().toByteArray());
        }
        else
        {
            assertThat(flyweight.payloadOffset()).isEqualTo(-1);
            assertThat(flyweight.payloadLength()).isZero();
        }
        assertThat(flyweight.direction()).isEqualTo(expected.getDirection().getNumber());
        assertThat(flyweight.timeoutMs()).isEqualTo(expected.getTimeoutMs());
        assertThat(copy(buffer, flyweight.requestIdOffset(), flyweight.requestIdLength()))
            .isEqualTo(expected.getRequestIdBytes().toByteArray());
        assertThat(flyweight.correlationId()).isEqualTo(
            isCorrelationId(expected.getRequestId()) ? Long.parseLong(expected.getRequestId()) :
            RpcEnvelopeFlyweight.NO_CORRELATION_ID);
        assertThat(flyweight.hasError()).isEqualTo(expected.hasError());
        if (expected.hasError())
        {
            assertThat(flyweight.errorCode()).isEqualTo(expected.getError().getCode());
            assertThat(copy(buffer, flyweight.errorOffset(), flyweight.errorLength()))
                .isEqualTo(expected.getError().toByteArray());
        }
        else
        {
            assertThat(flyweight.errorCode()).isZero();
        }
        assertThat(flyweight.hasTraceparent()).isEqualTo(expected.hasTraceparent());
        assertThat(flyweight.hasTracestate()).isEqualTo(expected.hasTracestate());
        if (expected.hasTraceparent())
        {
            assertThat(copy(buffer, flyweight.traceparentOffset(), flyweight.traceparentLength()))
                .isEqualTo(expected.getTraceparentBytes().toByteArray());
        }
        if (expected.hasTracestate())
        {
            assertThat(copy(buffer, flyweight.tracestateOffset(), flyweight.tracestateLength()))
                .isEqualTo(expected.getTracestateBytes().toByteArray());
        }
        assertThat(flyweight.metadataCount()).isEqualTo(expected.getMetadataCount());
        metadata.wrap(flyweight);
        for (final MetadataEntry entry : expected.getMetadataList())
        {
            assertThat(metadata.next()).isTrue();
            assertThat(copy(buffer, metadata.keyOffset(), metadata.keyLength()))
                .isEqualTo(entry.getKeyBytes().toByteArray());
            assertThat(copy(buffer, metadata.valueOffset(), metadata.valueLength()))
                .isEqualTo(entry.getValueBytes().toByteArray());
        }
        assertThat(metadata.next()).isFalse();
    }

    private static int maxLengthOf(final RpcEnvelope envelope)
    {
        int metadataLength = 0;
        for (final MetadataEntry entry : envelope.getMetadataList())
        {
            metadataLength += entry.getKeyBytes().size() + entry.getValueBytes().size();
        }
        return RpcEnvelopeEncoder.maxLength(
            envelope.getRouteKeyBytes().size(), envelope.getPayload().size(), envelope.getRequestIdBytes().size(),
            envelope.getError().getMessageBytes().size(), envelope.getTraceparentBytes().size(),
            envelope.getTracestateBytes().size(), envelope.getMetadataCount(), metadataLength);
    }

    private int encode(
        final RpcEnvelope envelope,
        final PayloadWrite payloadWrite,
        final MetadataEntry payloadMessage,
        final boolean textFromChars,
        final UnsafeBuffer buffer,
        final int offset) throws IOException
    {
        final byte[] routeKey = envelope.getRouteKeyBytes().toByteArray();
        encoder.wrap(buffer, offset).routeKey(new UnsafeBuffer(routeKey), 0, routeKey.length);
        if (envelope.hasPayload())
        {
            final byte[] payload = envelope.getPayload().toByteArray();
            switch (payloadWrite)
            {
                case COPY:
                    // From a source buffer at an offset, so that the source offset is honoured.
                    encoder.payload(new UnsafeBuffer(concat(new byte[3], payload)), 3, payload.length);
                    break;
                case RESERVE_AND_FILL:
                    buffer.putBytes(encoder.reservePayload(payload.length), payload);
                    break;
                default:
                {
                    final int payloadOffset = encoder.reservePayload(payload.length);
                    final CodedOutputStream out = CodedOutputStream.newInstance(
                        buffer.byteArray(), buffer.wrapAdjustment() + payloadOffset, payload.length);
                    payloadMessage.writeTo(out);
                    out.checkNoSpaceLeft();
                    break;
                }
            }
        }
        if (envelope.hasError())
        {
            final byte[] message = envelope.getError().getMessageBytes().toByteArray();
            encoder.error(envelope.getError().getCode(), new UnsafeBuffer(message), 0, message.length);
        }
        encoder.direction(envelope.getDirection().getNumber());
        if (envelope.hasTraceparent())
        {
            if (textFromChars)
            {
                encoder.traceparent(new StringBuilder(envelope.getTraceparent()));
            }
            else
            {
                final byte[] traceparent = envelope.getTraceparentBytes().toByteArray();
                encoder.traceparent(new UnsafeBuffer(concat(new byte[2], traceparent)), 2, traceparent.length);
            }
        }
        if (envelope.hasTracestate())
        {
            if (textFromChars)
            {
                encoder.tracestate(envelope.getTracestate());
            }
            else
            {
                final byte[] tracestate = envelope.getTracestateBytes().toByteArray();
                encoder.tracestate(new UnsafeBuffer(tracestate), 0, tracestate.length);
            }
        }
        if (isCorrelationId(envelope.getRequestId()))
        {
            encoder.requestId(Long.parseLong(envelope.getRequestId()));
        }
        else
        {
            final byte[] requestId = envelope.getRequestIdBytes().toByteArray();
            encoder.requestId(new UnsafeBuffer(requestId), 0, requestId.length);
        }
        for (final MetadataEntry entry : envelope.getMetadataList())
        {
            if (textFromChars)
            {
                encoder.metadataEntry(entry.getKey(), entry.getValue());
            }
            else
            {
                // Key and value from one source buffer, at offsets, so that both source offsets are honoured.
                final byte[] key = entry.getKeyBytes().toByteArray();
                final byte[] value = entry.getValueBytes().toByteArray();
                final UnsafeBuffer source = new UnsafeBuffer(concat(new byte[1], value, key));
                encoder.metadataEntry(source, 1 + value.length, key.length, source, 1, value.length);
            }
        }
        encoder.timeoutMs(envelope.getTimeoutMs());
        return encoder.encodedLength();
    }

    /** How the encoder is given the payload. */
    private enum PayloadWrite
    {
        /** {@link RpcEnvelopeEncoder#payload}. */
        COPY,
        /** {@link RpcEnvelopeEncoder#reservePayload}, then the bytes put at the returned offset. */
        RESERVE_AND_FILL,
        /** {@link RpcEnvelopeEncoder#reservePayload}, then a message serialized in place. */
        MESSAGE_IN_PLACE
    }

    /**
     * An envelope the encoder can write: route key, optional payload, a direction with a valid deadline, a decimal
     * or UUID request id, on responses an optional error, an optional traceparent and tracestate, and 0..N metadata
     * entries.
     */
    private static RpcEnvelope validEnvelope(final Random random)
    {
        final Direction direction = VALID_DIRECTIONS[random.nextInt(VALID_DIRECTIONS.length)];
        final RpcEnvelope.Builder builder = RpcEnvelope.newBuilder()
            .setRouteKey(text(random, sizeUpTo(random, 64)))
            .setDirection(direction)
            .setRequestId(random.nextBoolean() ? Long.toString(correlationId(random)) : uuid(random))
            .setTimeoutMs(direction == Direction.REQUEST ? positiveTimeout(random) : 0);
        if (random.nextInt(4) != 0)
        {
            builder.setPayload(ByteString.copyFrom(RandomTrials.bytes(random, sizeUpTo(random, MAX_PAYLOAD))));
        }
        if (direction != Direction.REQUEST && random.nextInt(3) == 0)
        {
            builder.setError(ErrorResponse.newBuilder().setCode(errorCode(random))
                .setMessage(text(random, sizeUpTo(random, 100))));
        }
        if (random.nextInt(3) == 0)
        {
            builder.setTraceparent(random.nextBoolean() ? traceparent(random) : text(random, sizeUpTo(random, 200)));
        }
        if (random.nextInt(4) == 0)
        {
            builder.setTracestate(text(random, sizeUpTo(random, 200)));
        }
        final int entries = random.nextBoolean() ? 0 : between(random, 1, oneOf(random, 1, 3, 40));
        for (int i = 0; i < entries; i++)
        {
            builder.addMetadata(random.nextInt(8) == 0 ?
                MetadataEntry.newBuilder().setKey(text(random, sizeUpTo(random, 100)))
                    .setValue(text(random, sizeUpTo(random, 300))).build() :
                metadataEntry(random));
        }
        return builder.build();
    }

    /** A W3C traceparent: version, trace id, parent id, flags. */
    private static String traceparent(final Random random)
    {
        return String.format("00-%016x%016x-%016x-%02x",
            random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(256));
    }

    /**
     * Envelope bytes put together one field at a time, in random order, with fields dropped, repeated, and mixed
     * with unknown, mistyped and malformed fields.
     */
    private static byte[] assembledEnvelope(final Random random)
    {
        final RpcEnvelope.Builder builder = validEnvelope(random).toBuilder();
        switch (random.nextInt(8))
        {
            case 0:
                builder.setDirection(Direction.UNSPECIFIED);
                break;
            case 1:
                builder.clearDirection();
                break;
            case 2:
                builder.setTimeoutMs(edgeOrRandomLong(random));
                break;
            case 3:
                builder.setError(ErrorResponse.newBuilder().setCode(errorCode(random)).buildPartial());
                break;
            default:
                break;
        }
        final List<byte[]> fields = fieldsOf(builder.buildPartial());
        Collections.shuffle(fields, random);
        if (random.nextInt(5) == 0 && !fields.isEmpty())
        {
            fields.remove(random.nextInt(fields.size()));
        }
        if (random.nextInt(5) == 0 && !fields.isEmpty())
        {
            fields.add(random.nextInt(fields.size() + 1), fields.get(random.nextInt(fields.size())));
        }
        for (int i = random.nextInt(3) == 0 ? between(random, 1, 3) : 0; i > 0; i--)
        {
            fields.add(random.nextInt(fields.size() + 1), oddField(random));
        }
        return concat(fields.toArray(new byte[0][]));
    }

    /** Each field occurrence of an envelope as protobuf-java writes it alone. */
    private static List<byte[]> fieldsOf(final RpcEnvelope envelope)
    {
        final List<byte[]> fields = new ArrayList<>();
        for (final Map.Entry<FieldDescriptor, Object> field : envelope.getAllFields().entrySet())
        {
            if (field.getKey().isRepeated())
            {
                for (final Object value : (List<?>)field.getValue())
                {
                    fields.add(RpcEnvelope.newBuilder().addRepeatedField(field.getKey(), value).buildPartial()
                        .toByteArray());
                }
            }
            else
            {
                fields.add(RpcEnvelope.newBuilder().setField(field.getKey(), field.getValue()).buildPartial()
                    .toByteArray());
            }
        }
        return fields;
    }

    /** A field that is unknown, of an unexpected wire type, out of the ordinary or malformed. */
    private static byte[] oddField(final Random random)
    {
        final int number = random.nextInt(4) == 0 ?
            between(random, 1, (1 << 29) - 1) : INTERESTING_FIELDS[random.nextInt(INTERESTING_FIELDS.length)];
        switch (random.nextInt(12))
        {
            case 0:
                return unknownFields(number, varintField(edgeOrRandomLong(random)));
            case 1:
                return unknownFields(number, UnknownFieldSet.Field.newBuilder().addFixed64(random.nextLong()).build());
            case 2:
                return unknownFields(number, UnknownFieldSet.Field.newBuilder().addFixed32(random.nextInt()).build());
            case 3:
                return unknownFields(number, UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(ByteString.copyFrom(RandomTrials.bytes(random, sizeUpTo(random, 32)))).build());
            case 4:
                return unknownFields(number, UnknownFieldSet.Field.newBuilder().addGroup(UnknownFieldSet.newBuilder()
                    .addField(between(random, 1, 2000), varintField(random.nextLong())).build()).build());
            case 5:
                return new Raw().tag(RpcEnvelopeFlyweight.DIRECTION, 0)
                    .varint(oneOf(random, 0, 1, 2, 3, 4, 7, -1, Integer.MIN_VALUE)).toByteArray();
            case 6:
                // A tag or a length varint with bits above the 32 that protobuf-java keeps.
                return random.nextBoolean() ?
                    new Raw().varint((long)number << 3 | (long)between(random, 1, 255) << 32).varint(1).toByteArray() :
                    new Raw().tag(number, 2).varint(1 | (long)between(random, 1, 255) << 32).raw('x').toByteArray();
            case 7:
                return new Raw().tag(RpcEnvelopeFlyweight.ERROR_FIELD, 2).append(lengthPrefixed(random.nextBoolean() ?
                    ErrorResponse.newBuilder().setCode(errorCode(random)).setMessage("m").build().toByteArray() :
                    RandomTrials.bytes(random, sizeUpTo(random, 12)))).toByteArray();
            case 8:
                return new Raw().tag(RpcEnvelopeFlyweight.METADATA, 2).append(lengthPrefixed(oddMetadataEntry(random)))
                    .toByteArray();
            case 9:
                return new Raw().tag(number, oneOf(random, 3, 4, 6, 7)).toByteArray();
            case 10:
                return new Raw().tag(RpcEnvelopeFlyweight.TIMEOUT_MS, 0).varint(edgeOrRandomLong(random)).toByteArray();
            default:
                return RandomTrials.bytes(random, between(random, 1, 8));
        }
    }

    /** A MetadataEntry's bytes: valid, incomplete, out of order, with unknown, mistyped or malformed fields. */
    private static byte[] oddMetadataEntry(final Random random)
    {
        final byte[] key = new Raw().tag(MetadataFlyweight.KEY, 2).append(lengthPrefixed(
            text(random, sizeUpTo(random, 8)).getBytes(StandardCharsets.UTF_8))).toByteArray();
        final byte[] value = new Raw().tag(MetadataFlyweight.VALUE, 2).append(lengthPrefixed(
            text(random, sizeUpTo(random, 8)).getBytes(StandardCharsets.UTF_8))).toByteArray();
        switch (random.nextInt(7))
        {
            case 0:
                return metadataEntry(random).toByteArray();
            case 1:
                return random.nextBoolean() ? key : value;                          // one required field missing
            case 2:
                return concat(value, key);                                          // value before key
            case 3:
            {
                final List<byte[]> fields = new ArrayList<>(List.of(key, value, oddField(random)));
                Collections.shuffle(fields, random);
                return concat(fields.toArray(new byte[0][]));
            }
            case 4:
                return concat(key, key, value, value);                              // last key and value win
            case 5:
                return concat(key, new Raw().tag(oneOf(random, MetadataFlyweight.KEY, MetadataFlyweight.VALUE),
                    oneOf(random, 0, 1, 5)).raw(0, 0, 0, 0, 0, 0, 0, 0).toByteArray(), value);
            default:
                return RandomTrials.bytes(random, sizeUpTo(random, 12));
        }
    }

    private static byte[] mutate(final Random random, final byte[] valid)
    {
        final byte[] bytes = valid.clone();
        if (bytes.length == 0)
        {
            return bytes;
        }
        switch (random.nextInt(6))
        {
            case 0:
                for (int flips = between(random, 1, 4); flips > 0; flips--)
                {
                    bytes[random.nextInt(bytes.length)] ^= (byte)(1 << random.nextInt(8));
                }
                return bytes;
            case 1:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2:
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt();
                return bytes;
            case 3:
            {
                final int at = random.nextInt(bytes.length + 1);
                return concat(Arrays.copyOf(bytes, at), RandomTrials.bytes(random, between(random, 1, 8)),
                    Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 4:
            {
                final int from = random.nextInt(bytes.length);
                final int to = between(random, from, Math.min(bytes.length, from + 16));
                return concat(Arrays.copyOf(bytes, from), Arrays.copyOfRange(bytes, to, bytes.length));
            }
            default:
                return random.nextBoolean() ? concat(bytes, oddField(random)) : concat(oddField(random), bytes);
        }
    }

    private static MetadataEntry payloadMessage(final Random random)
    {
        return MetadataEntry.newBuilder()
            .setKey(text(random, sizeUpTo(random, MAX_PAYLOAD / 8)))
            .setValue(text(random, sizeUpTo(random, MAX_PAYLOAD / 4)))
            .build();
    }

    private static MetadataEntry metadataEntry(final Random random)
    {
        return MetadataEntry.newBuilder().setKey(text(random, sizeUpTo(random, 10)))
            .setValue(text(random, sizeUpTo(random, 10))).build();
    }

    /** Text of {@code codePoints} code points: mostly ASCII, with 2-, 3- and 4-byte UTF-8 sequences mixed in. */
    private static String text(final Random random, final int codePoints)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++)
        {
            switch (random.nextInt(10))
            {
                case 0:
                    text.appendCodePoint(between(random, 0x80, 0x7FF));
                    break;
                case 1:
                    text.appendCodePoint(random.nextBoolean() ?
                        between(random, 0x800, 0xD7FF) : between(random, 0xE000, 0xFFFF));
                    break;
                case 2:
                    text.appendCodePoint(between(random, 0x1_0000, 0x10_FFFF));
                    break;
                default:
                    text.appendCodePoint(between(random, 0x20, 0x7E));
                    break;
            }
        }
        return text.toString();
    }

    private static long correlationId(final Random random)
    {
        return random.nextInt(4) == 0 ?
            new long[] {0, 1, 9, 10, 42, MAX_18_DIGITS}[random.nextInt(6)] :
            Math.floorMod(random.nextLong(), MAX_18_DIGITS + 1);
    }

    private static String uuid(final Random random)
    {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static long positiveTimeout(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return oneOf(random, 1, 127, 128, 30_000, Integer.MAX_VALUE);
            case 1:
                return random.nextBoolean() ? Long.MAX_VALUE : 1L + (random.nextLong() >>> 1);
            default:
                return between(random, 1, 600_000);
        }
    }

    private static int errorCode(final Random random)
    {
        return random.nextBoolean() ?
            between(random, 10_001, 10_011) : oneOf(random, 0, 1, -1, Integer.MIN_VALUE, random.nextInt());
    }

    private static long edgeOrRandomLong(final Random random)
    {
        final long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, 0x1_0000_0000L};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private static boolean isCorrelationId(final String requestId)
    {
        return !requestId.isEmpty() && requestId.length() <= 18 &&
            requestId.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean parses(final byte[] chunk)
    {
        try
        {
            DataChunk.parseFrom(chunk);
            return true;
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return false;
        }
    }

    private static UnknownFieldSet.Field varintField(final long value)
    {
        return UnknownFieldSet.Field.newBuilder().addVarint(value).build();
    }

    private static byte[] unknownFields(final int number, final UnknownFieldSet.Field field)
    {
        return UnknownFieldSet.newBuilder().addField(number, field).build().toByteArray();
    }

    private static byte[] metadataField(final byte[] entry)
    {
        return new Raw().tag(RpcEnvelopeFlyweight.METADATA, 2).append(lengthPrefixed(entry)).toByteArray();
    }

    private static byte[] lengthPrefixed(final byte[] bytes)
    {
        return new Raw().varint(bytes.length).append(bytes).toByteArray();
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    /** How the two readers' statuses compared in a trial; counted to show that a generator reaches each case. */
    private enum Outcome
    {
        BOTH_OK, BOTH_REJECT_ALIKE, BOTH_REJECT_DIFFERENTLY, ONLY_PROTOBUF_ACCEPTS, ONLY_FLYWEIGHT_ACCEPTS;

        static Outcome of(final CodecStatus flyweight, final CodecStatus protobuf)
        {
            if (flyweight == CodecStatus.OK)
            {
                return protobuf == CodecStatus.OK ? BOTH_OK : ONLY_FLYWEIGHT_ACCEPTS;
            }
            if (protobuf == CodecStatus.OK)
            {
                return ONLY_PROTOBUF_ACCEPTS;
            }
            return flyweight == protobuf ? BOTH_REJECT_ALIKE : BOTH_REJECT_DIFFERENTLY;
        }
    }

    /**
     * Whether the nested message protobuf-java parses and the flyweight steps over (error = 3) is complete: found
     * with protobuf-java's own {@link UnknownFieldSet} reading of the top level. Repeated occurrences of the error
     * field merge, so their bytes are parsed as one. (Metadata entries = 103 the flyweight checks as protobuf-java
     * does, up to the {@link Divergence}s inside an entry.)
     */
    private enum Nested
    {
        VALID, INVALID, TOP_LEVEL_MALFORMED;

        static Nested of(final byte[] bytes)
        {
            final UnknownFieldSet fields;
            try
            {
                fields = UnknownFieldSet.parseFrom(bytes);
            }
            catch (final InvalidProtocolBufferException ex)
            {
                return TOP_LEVEL_MALFORMED;
            }
            try
            {
                final List<ByteString> errors =
                    fields.getField(RpcEnvelopeFlyweight.ERROR_FIELD).getLengthDelimitedList();
                if (!errors.isEmpty())
                {
                    ErrorResponse.parseFrom(ByteString.copyFrom(errors));
                }
                return VALID;
            }
            catch (final InvalidProtocolBufferException ex)
            {
                return INVALID;
            }
        }
    }

    /**
     * The ways protobuf-java reads an envelope's top level and its metadata entries differently from the flyweight.
     * {@link #of} scans as the flyweight does, byte by byte and independently of it, and names the first place where
     * protobuf-java would read on while the flyweight stops (or reads another value); where both stop, there is no
     * divergence.
     */
    private enum Divergence
    {
        /** Both read the same fields, or both stop at the same malformed byte. */
        NONE(CodecStatus.OK),
        /** A group (wire type 3): protobuf-java steps over a well-formed one; the flyweight takes none. */
        GROUP(CodecStatus.MALFORMED_MESSAGE),
        /** A field number the flyweight reads, of another wire type: an unknown field to protobuf-java. */
        KNOWN_FIELD_OF_OTHER_WIRE_TYPE(CodecStatus.MALFORMED_MESSAGE),
        /** A tag or length varint above 32 bits: protobuf-java keeps the low 32 bits; the flyweight rejects it. */
        VARINT_ABOVE_32_BITS(CodecStatus.MALFORMED_MESSAGE),
        /**
         * A direction number outside {@code Direction}: protobuf-java (proto2, closed enum) files it under unknown
         * fields and keeps the direction read before it; the flyweight takes the last number.
         */
        UNKNOWN_DIRECTION(CodecStatus.INVALID_DIRECTION);

        private static final long MAX_UINT32 = 0xFFFF_FFFFL;

        /** The flyweight's status where protobuf-java accepts an input for this reason. */
        final CodecStatus flyweightStatus;

        Divergence(final CodecStatus flyweightStatus)
        {
            this.flyweightStatus = flyweightStatus;
        }

        static Divergence of(final byte[] bytes)
        {
            final Divergence divergence = scan(bytes, false);
            return divergence == null ? NONE : divergence;
        }

        /**
         * Scan an envelope's fields, or a metadata entry's ({@code entry}), and each metadata entry in an envelope.
         *
         * @return the first divergence, {@link #NONE} when both read the fields alike to the end, or null when both
         * stop at the same malformed byte with no divergence before it.
         */
        private static Divergence scan(final byte[] bytes, final boolean entry)
        {
            final Scan scan = new Scan(bytes);
            boolean unknownDirection = false;
            while (scan.position < bytes.length)
            {
                final long tag = scan.varint();
                if (!scan.ok)
                {
                    break;
                }
                if (Long.compareUnsigned(tag, MAX_UINT32) > 0)
                {
                    return VARINT_ABOVE_32_BITS;
                }
                final int field = (int)(tag >>> 3);
                final int wireType = (int)(tag & 7);
                if (field == 0 || wireType == 4 || wireType > 5)
                {
                    break;                                      // both reject
                }
                if (wireType == 3)
                {
                    return GROUP;
                }
                final int expected = entry ? expectedEntryWireType(field) : expectedWireType(field);
                if (expected >= 0 && expected != wireType)
                {
                    return KNOWN_FIELD_OF_OTHER_WIRE_TYPE;
                }
                if (wireType == 0)
                {
                    final long value = scan.varint();
                    final int number = (int)value;
                    if (!entry && field == RpcEnvelopeFlyweight.DIRECTION && scan.ok && (number < 0 || number > 3))
                    {
                        unknownDirection = true;
                    }
                }
                else if (wireType == 2)
                {
                    final long length = scan.varint();
                    if (scan.ok && Long.compareUnsigned(length, MAX_UINT32) > 0)
                    {
                        return VARINT_ABOVE_32_BITS;
                    }
                    if (scan.ok && !entry && field == RpcEnvelopeFlyweight.METADATA &&
                        length <= bytes.length - scan.position)
                    {
                        final Divergence inEntry = scan(
                            Arrays.copyOfRange(bytes, scan.position, scan.position + (int)length), true);
                        if (inEntry == null)
                        {
                            break;                              // both reject the malformed entry
                        }
                        if (inEntry != NONE)
                        {
                            return inEntry;
                        }
                    }
                    scan.skip(length);
                }
                else
                {
                    scan.skip(wireType == 1 ? 8 : 4);
                }
                if (!scan.ok)
                {
                    break;
                }
            }
            if (unknownDirection)
            {
                return UNKNOWN_DIRECTION;
            }
            return scan.ok && scan.position == bytes.length ? NONE : null;
        }

        private static int expectedWireType(final int field)
        {
            switch (field)
            {
                case RpcEnvelopeFlyweight.ROUTE_KEY:
                case RpcEnvelopeFlyweight.PAYLOAD:
                case RpcEnvelopeFlyweight.ERROR_FIELD:
                case RpcEnvelopeFlyweight.TRACEPARENT:
                case RpcEnvelopeFlyweight.TRACESTATE:
                case RpcEnvelopeFlyweight.REQUEST_ID:
                case RpcEnvelopeFlyweight.METADATA:
                    return 2;
                case RpcEnvelopeFlyweight.DIRECTION:
                case RpcEnvelopeFlyweight.TIMEOUT_MS:
                    return 0;
                default:
                    return -1;
            }
        }

        private static int expectedEntryWireType(final int field)
        {
            return field == MetadataFlyweight.KEY || field == MetadataFlyweight.VALUE ? 2 : -1;
        }
    }

    /** A plain reader of protobuf varints over a byte array, for {@link Divergence}. */
    private static final class Scan
    {
        private final byte[] bytes;
        private int position;
        private boolean ok = true;

        Scan(final byte[] bytes)
        {
            this.bytes = bytes;
        }

        long varint()
        {
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (position >= bytes.length)
                {
                    ok = false;
                    return 0;
                }
                final int b = bytes[position++] & 0xFF;
                value |= (long)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            ok = false;                                         // more than ten bytes
            return 0;
        }

        void skip(final long length)
        {
            if (length < 0 || length > bytes.length - position)
            {
                ok = false;
                return;
            }
            position += (int)length;
        }
    }
}
