package dev.actr.codec.envelope;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.Raw;
import dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.UnknownWireType;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.concat;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.unknownField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace context ({@code traceparent = 100}, {@code tracestate = 101}) and metadata entries ({@code metadata = 103})
 * as {@link RpcEnvelopeFlyweight} and {@link MetadataFlyweight} read them, against bytes written by protobuf-java
 * and by hand; where it matters the same bytes also go through protobuf-java ({@link RpcEnvelopeDecoder}).
 * Envelopes are read at {@link #OFFSET} in a buffer filled with 0xFF, so that an offset mix-up reads junk.
 */
class MetadataFlyweightTest
{
    private static final int OFFSET = 5;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_START_GROUP = 3;
    private static final int WIRE_END_GROUP = 4;
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

    private final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
    private final MetadataFlyweight metadata = new MetadataFlyweight();
    private final RpcEnvelopeDecoder decoder = new RpcEnvelopeDecoder(1024 * 1024);

    @Test
    void shouldReadTraceContextAndMetadataWrittenByProtobufJava()
    {
        final RpcEnvelope envelope = request()
            .setTraceparent(TRACEPARENT)
            .setTracestate(TRACESTATE)
            .addMetadata(entry("tenant", "acme"))
            .addMetadata(entry("clé", "日本語🎉"))
            .addMetadata(entry("tenant", "second value, same key"))
            .build();

        assertThat(wrap(envelope.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.hasTraceparent()).isTrue();
        assertThat(text(flyweight.traceparentOffset(), flyweight.traceparentLength())).isEqualTo(TRACEPARENT);
        assertThat(flyweight.hasTracestate()).isTrue();
        assertThat(text(flyweight.tracestateOffset(), flyweight.tracestateLength())).isEqualTo(TRACESTATE);
        assertThat(flyweight.metadataCount()).isEqualTo(3);
        assertThat(entries()).containsExactly(
            "tenant=acme", "clé=日本語🎉", "tenant=second value, same key");
    }

    @Test
    void shouldReportNoTraceContextAndNoEntriesWhenAbsent()
    {
        assertThat(wrap(request().build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.hasTraceparent()).isFalse();
        assertThat(flyweight.traceparentOffset()).isEqualTo(-1);
        assertThat(flyweight.traceparentLength()).isZero();
        assertThat(flyweight.hasTracestate()).isFalse();
        assertThat(flyweight.tracestateOffset()).isEqualTo(-1);
        assertThat(flyweight.tracestateLength()).isZero();
        assertThat(flyweight.metadataCount()).isZero();
        assertThat(metadata.wrap(flyweight).next()).isFalse();
        assertNotOnEntry();
    }

    @Test
    void shouldReadEmptyTraceFieldsAndEmptyKeyAndValueAsPresent()
    {
        final byte[] bytes = request().setTraceparent("").setTracestate("").addMetadata(entry("", ""))
            .build().toByteArray();

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.hasTraceparent()).isTrue();
        assertThat(flyweight.traceparentOffset()).isGreaterThanOrEqualTo(OFFSET);
        assertThat(flyweight.traceparentLength()).isZero();
        assertThat(flyweight.hasTracestate()).isTrue();
        assertThat(flyweight.tracestateLength()).isZero();
        assertThat(metadata.wrap(flyweight).next()).isTrue();
        assertThat(metadata.keyOffset()).isGreaterThanOrEqualTo(OFFSET);
        assertThat(metadata.keyLength()).isZero();
        assertThat(metadata.valueOffset()).isGreaterThan(metadata.keyOffset());
        assertThat(metadata.valueLength()).isZero();
        assertThat(metadata.next()).isFalse();
    }

    @Test
    void shouldTakeLastTraceparentAndTracestateWhenRepeatedAsProtobufJavaDoes()
    {
        final byte[] bytes = concat(request().setTraceparent("first").setTracestate("a").build().toByteArray(),
            RpcEnvelope.newBuilder().setTraceparent("second").setTracestate("b").buildPartial().toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(text(flyweight.traceparentOffset(), flyweight.traceparentLength()))
            .isEqualTo("second").isEqualTo(decoder.envelope().getTraceparent());
        assertThat(text(flyweight.tracestateOffset(), flyweight.tracestateLength()))
            .isEqualTo("b").isEqualTo(decoder.envelope().getTracestate());
    }

    @Test
    void shouldWalkEntriesInterleavedWithOtherFieldsInWireOrder()
    {
        // Another implementation may write fields in any order: entries first, between others, and last.
        final byte[] bytes = concat(
            metadataField(entry("a", "1")),
            RpcEnvelope.newBuilder().setRouteKey("r").buildPartial().toByteArray(),
            metadataField(entry("b", "2")),
            metadataField(entry("c", "3")),
            RpcEnvelope.newBuilder().setDirection(Direction.TELL).setRequestId("9").setTimeoutMs(0).buildPartial()
                .toByteArray(),
            unknownField(999, UnknownWireType.LENGTH_DELIMITED),
            metadataField(entry("d", "4")),
            RpcEnvelope.newBuilder().setTraceparent("t").buildPartial().toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.metadataCount()).isEqualTo(4).isEqualTo(decoder.envelope().getMetadataCount());
        assertThat(entries()).containsExactly("a=1", "b=2", "c=3", "d=4");
        assertThat(text(flyweight.routeKeyOffset(), flyweight.routeKeyLength())).isEqualTo("r");
    }

    @ParameterizedTest
    @EnumSource(UnknownWireType.class)
    void shouldReadKeyAndValueWhereverTheyLieInEntryAndSkipItsUnknownFields(final UnknownWireType wireType)
    {
        final byte[] key = new Raw().tag(1, WIRE_LEN).varint(3).ascii("key").toByteArray();
        final byte[] value = new Raw().tag(2, WIRE_LEN).varint(5).ascii("value").toByteArray();
        final byte[] unknown = unknownField(7, wireType);

        for (final byte[] entry : List.of(
            concat(value, key), concat(unknown, key, value), concat(key, unknown, value), concat(value, key, unknown)))
        {
            final byte[] bytes = concat(request().build().toByteArray(), metadataField(entry));
            assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
            assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
            assertThat(entries()).containsExactly("key=value");
            assertThat(decoder.envelope().getMetadata(0).getKey()).isEqualTo("key");
            assertThat(decoder.envelope().getMetadata(0).getValue()).isEqualTo("value");
        }
    }

    @Test
    void shouldTakeLastKeyAndValueWhenEntryRepeatsThemAsProtobufJavaDoes()
    {
        final byte[] entry = new Raw()
            .tag(1, WIRE_LEN).varint(2).ascii("k1").tag(2, WIRE_LEN).varint(2).ascii("v1")
            .tag(2, WIRE_LEN).varint(2).ascii("v2").tag(1, WIRE_LEN).varint(2).ascii("k2")
            .toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(), metadataField(entry));

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);

        assertThat(entries()).containsExactly("k2=v2");
        assertThat(decoder.envelope().getMetadata(0)).isEqualTo(entry("k2", "v2"));
    }

    @Test
    void shouldRejectEntryWithoutKeyOrValueAsMalformedAsProtobufJavaDoes()
    {
        final byte[] keyOnly = MetadataEntry.newBuilder().setKey("k").buildPartial().toByteArray();
        final byte[] valueOnly = MetadataEntry.newBuilder().setValue("v").buildPartial().toByteArray();
        final byte[] unknownOnly = unknownField(7, UnknownWireType.VARINT);

        for (final byte[] entry : List.of(keyOnly, valueOnly, new byte[0], unknownOnly))
        {
            final byte[] bytes = concat(request().addMetadata(entry("a", "b")).build().toByteArray(),
                new Raw().tag(103, WIRE_LEN).varint(entry.length).append(entry).toByteArray());
            assertBoth(bytes, CodecStatus.MALFORMED_MESSAGE);
        }
    }

    @Test
    void shouldRejectMalformedEntryBytesAsMalformedAsProtobufJavaDoes()
    {
        final byte[] key = new Raw().tag(1, WIRE_LEN).varint(1).ascii("k").toByteArray();
        final byte[] value = new Raw().tag(2, WIRE_LEN).varint(1).ascii("v").toByteArray();
        final List<byte[]> malformed = List.of(
            concat(key, new Raw().tag(2, WIRE_LEN).varint(5).ascii("v").toByteArray()),    // value past entry end
            concat(key, value, new Raw().raw(0x80).toByteArray()),                       // tag varint cut short
            concat(key, value, new Raw().tag(7, WIRE_VARINT).raw(0xFF).toByteArray()),   // value varint cut short
            concat(key, value, new Raw().tag(0, WIRE_VARINT).varint(1).toByteArray()),  // field number 0
            concat(key, value, new Raw().tag(7, 6).toByteArray()),                       // undefined wire type
            concat(key, value, new Raw().tag(7, WIRE_END_GROUP).toByteArray()));         // stray end-group

        for (final byte[] entry : malformed)
        {
            assertBoth(concat(request().build().toByteArray(), metadataField(entry)), CodecStatus.MALFORMED_MESSAGE);
        }
    }

    @Test
    void shouldRejectEntryWhoseLengthRunsPastEnvelopeAsMalformed()
    {
        final byte[] entry = entry("k", "v").toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(),
            new Raw().tag(103, WIRE_LEN).varint(entry.length + 1).append(entry).toByteArray());

        assertBoth(bytes, CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {WIRE_VARINT, 1, 5})
    void shouldRejectKeyOrValueOfAnotherWireTypeUnlikeProtobufJava(final int wireType)
    {
        // Documented difference, as for the envelope's own fields: protobuf-java keeps a key or value of another
        // wire type as an unknown field of the entry (ignored next to a well-typed one); the flyweight rejects it.
        final byte[] mistyped = new Raw().tag(2, wireType).raw(new int[wireType == WIRE_VARINT ? 1 : wireType == 1 ? 8 : 4])
            .toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(),
            metadataField(concat(entry("k", "v").toByteArray(), mistyped)));

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectGroupInsideEntryUnlikeProtobufJava()
    {
        // Documented difference, as for the envelope's own fields: protobuf-java steps over a well-formed group.
        final byte[] group = new Raw()
            .tag(7, WIRE_START_GROUP).tag(1, WIRE_VARINT).varint(5).tag(7, WIRE_END_GROUP).toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(),
            metadataField(concat(entry("k", "v").toByteArray(), group)));

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectTagAbove32BitsInsideEntryUnlikeProtobufJava()
    {
        // Documented difference, as for the envelope's own fields: protobuf-java keeps the tag's low 32 bits.
        final byte[] wideTag = new Raw().varint(7L << 3 | WIRE_VARINT | 1L << 32).varint(1).toByteArray();
        final byte[] bytes = concat(request().build().toByteArray(),
            metadataField(concat(entry("k", "v").toByteArray(), wideTag)));

        assertThat(decode(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRestartWalkOnEachWrapAndStayExhaustedAfterLastEntry()
    {
        final byte[] first = request().addMetadata(entry("a", "1")).addMetadata(entry("b", "2")).build().toByteArray();
        final byte[] second = request().addMetadata(entry("z", "26")).build().toByteArray();
        assertThat(wrap(first)).isEqualTo(CodecStatus.OK);
        metadata.wrap(flyweight);
        assertThat(metadata.next()).isTrue();

        assertThat(metadata.wrap(flyweight).next()).isTrue();
        assertThat(entry()).isEqualTo("a=1");
        assertThat(metadata.next()).isTrue();
        assertThat(entry()).isEqualTo("b=2");
        assertThat(metadata.next()).isFalse();
        assertNotOnEntry();
        assertThat(metadata.next()).isFalse();

        assertThat(wrap(second)).isEqualTo(CodecStatus.OK);
        assertThat(entries()).containsExactly("z=26");
    }

    @Test
    void shouldWalkEntriesOfEnvelopeInDirectBuffer()
    {
        final byte[] bytes = request().setTraceparent(TRACEPARENT).addMetadata(entry("k", "v")).build().toByteArray();
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + 40));
        direct.setMemory(0, direct.capacity(), (byte)0xFF);
        direct.putBytes(20, bytes);

        assertThat(flyweight.wrap(direct, 20, bytes.length)).isEqualTo(CodecStatus.OK);

        assertThat(text(flyweight.traceparentOffset(), flyweight.traceparentLength())).isEqualTo(TRACEPARENT);
        assertThat(metadata.wrap(flyweight).buffer()).isSameAs(direct);
        assertThat(entries()).containsExactly("k=v");
    }

    @Test
    void shouldCountAndWalkThousandsOfEntries()
    {
        final RpcEnvelope.Builder builder = request();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++)
        {
            builder.addMetadata(entry("key-" + i, "value-" + i * 7));
            expected.add("key-" + i + "=value-" + i * 7);
        }

        assertThat(wrap(builder.build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.metadataCount()).isEqualTo(5000);
        assertThat(entries()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldStopWalkWithinEnvelopeWhenItsBytesChangeAfterWrap()
    {
        final byte[] bytes = request().addMetadata(entry("a", "1")).addMetadata(entry("b", "2")).build().toByteArray();
        final byte[] backing = new byte[OFFSET + bytes.length + 8];
        Arrays.fill(backing, (byte)0xFF);
        System.arraycopy(bytes, 0, backing, OFFSET, bytes.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(backing);
        assertThat(flyweight.wrap(buffer, OFFSET, bytes.length)).isEqualTo(CodecStatus.OK);
        metadata.wrap(flyweight);
        assertThat(metadata.next()).isTrue();

        // The buffer is reused before the walk ends: the second entry's length now runs past the envelope.
        final int secondEntryLength = metadata.valueOffset() + metadata.valueLength() + 2;
        buffer.putByte(secondEntryLength, (byte)0x7F);

        assertThat(metadata.next()).isFalse();
        assertNotOnEntry();
        assertThat(metadata.next()).isFalse();
    }

    @Test
    void shouldWalkOnlyEntriesReadBeforeWrapFailed()
    {
        // As for every field, a failed wrap leaves what it read before the failure; entries read are whole.
        final byte[] bytes = concat(metadataField(entry("a", "1")), new Raw().raw(0xFF).toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.MALFORMED_MESSAGE);

        assertThat(flyweight.metadataCount()).isEqualTo(1);
        assertThat(entries()).containsExactly("a=1");
        assertThat(wrap(new byte[] {(byte)0xFF})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(flyweight.metadataCount()).isZero();
        assertThat(entries()).isEmpty();
    }

    private List<String> entries()
    {
        final List<String> entries = new ArrayList<>();
        metadata.wrap(flyweight);
        while (metadata.next())
        {
            entries.add(entry());
        }
        return entries;
    }

    private String entry()
    {
        return text(metadata.keyOffset(), metadata.keyLength()) + "=" +
            text(metadata.valueOffset(), metadata.valueLength());
    }

    private void assertNotOnEntry()
    {
        assertThat(metadata.keyOffset()).isEqualTo(-1);
        assertThat(metadata.keyLength()).isZero();
        assertThat(metadata.valueOffset()).isEqualTo(-1);
        assertThat(metadata.valueLength()).isZero();
    }

    private String text(final int offset, final int length)
    {
        assertThat(offset).isGreaterThanOrEqualTo(0);
        final DirectBuffer buffer = flyweight.buffer();
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

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

    private static byte[] metadataField(final MetadataEntry entry)
    {
        return RpcEnvelope.newBuilder().addMetadata(entry).buildPartial().toByteArray();
    }

    private static byte[] metadataField(final byte[] entry)
    {
        return new Raw().tag(103, WIRE_LEN).varint(entry.length).append(entry).toByteArray();
    }

    private static MetadataEntry entry(final String key, final String value)
    {
        return MetadataEntry.newBuilder().setKey(key).setValue(value).build();
    }

    private static RpcEnvelope.Builder request()
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey("echo.Echo/Say")
            .setDirection(Direction.REQUEST)
            .setRequestId("42")
            .setTimeoutMs(1000);
    }
}
