package dev.actr.codec.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.Raw;
import dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.UnknownWireType;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.MetadataEntry;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.concat;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweightTest.unknownField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunk flyweight against DataChunks written by protobuf-java and by hand. Chunks are read at {@link #OFFSET}
 * inside a buffer filled with 0xFF.
 */
class DataChunkFlyweightTest
{
    private static final int OFFSET = 3;
    private static final String STREAM_ID = "camera-1/日本";

    private final DataChunkFlyweight flyweight = new DataChunkFlyweight();
    private UnsafeBuffer buffer;

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 0x7FFF_FFFF_FFFF_FFFFL, Long.MIN_VALUE, 0x8000_0000_0000_0001L, -2, -1})
    void shouldReadStreamIdAndSequenceWrittenByProtobufJava(final long sequence)
    {
        final DataChunk chunk = chunk().setSequence(sequence).build();

        assertThat(wrap(chunk.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(streamId()).isEqualTo(STREAM_ID);
        assertThat(flyweight.sequence()).isEqualTo(sequence);
        assertThat(Long.toUnsignedString(flyweight.sequence())).isEqualTo(Long.toUnsignedString(sequence));
    }

    @Test
    void shouldReadU64SequenceWithHighBitSet()
    {
        // 2^63 is Long.MIN_VALUE as a Java long, a legal u64 sequence in ten varint bytes.
        final DataChunk chunk = chunk().setSequence(Long.MIN_VALUE).build();
        final byte[] bytes = chunk.toByteArray();

        assertThat(bytes).containsSequence(0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
        assertThat(Long.toUnsignedString(flyweight.sequence())).isEqualTo("9223372036854775808");
        assertThat(flyweight.sequence()).isEqualTo(chunk.getSequence());
    }

    @Test
    void shouldPointAtStreamIdBytesInWrappedBuffer()
    {
        final byte[] bytes = chunk().build().toByteArray();

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);

        // stream_id is the first field: tag 0x0A, then a one-byte length.
        assertThat(flyweight.streamIdOffset()).isEqualTo(OFFSET + 2);
        assertThat(flyweight.streamIdLength()).isEqualTo(STREAM_ID.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldReadChunkInDirectBuffer()
    {
        final byte[] bytes = chunk().setSequence(99).build().toByteArray();
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + 10));
        direct.putBytes(10, bytes);

        assertThat(flyweight.wrap(direct, 10, bytes.length)).isEqualTo(CodecStatus.OK);

        buffer = direct;
        assertThat(streamId()).isEqualTo(STREAM_ID);
        assertThat(flyweight.sequence()).isEqualTo(99);
    }

    @Test
    void shouldAcceptEmptyPayloadAndEmptyStreamId()
    {
        final DataChunk chunk = DataChunk.newBuilder().setStreamId("").setSequence(0).setPayload(ByteString.EMPTY)
            .build();

        assertThat(wrap(chunk.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(flyweight.streamIdOffset()).isGreaterThanOrEqualTo(OFFSET);
        assertThat(flyweight.streamIdLength()).isZero();
    }

    @Test
    void shouldSkipOptionalFieldsItDoesNotRead()
    {
        final DataChunk chunk = chunk()
            .addMetadata(MetadataEntry.newBuilder().setKey("codec").setValue("opus"))
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .setTimestampMs(-1)
            .build();

        assertThat(wrap(chunk.toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(streamId()).isEqualTo(STREAM_ID);
        assertThat(flyweight.sequence()).isEqualTo(chunk.getSequence());
    }

    @ParameterizedTest
    @EnumSource(UnknownWireType.class)
    void shouldSkipUnknownFieldOfEveryWireType(final UnknownWireType wireType) throws InvalidProtocolBufferException
    {
        final byte[] unknown = unknownField(999, wireType);
        final byte[] valid = chunk().build().toByteArray();

        for (final byte[] bytes : List.of(concat(unknown, valid), concat(valid, unknown),
            concat(valid, unknownField((1 << 29) - 1, wireType))))
        {
            assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);
            assertThat(streamId()).isEqualTo(STREAM_ID);
            assertThat(flyweight.sequence()).isEqualTo(chunk().build().getSequence());
            assertThat(DataChunk.parseFrom(bytes).getSequence()).isEqualTo(flyweight.sequence());
        }
    }

    @Test
    void shouldTakeLastSequenceAndStreamIdAsProtobufJavaDoes() throws InvalidProtocolBufferException
    {
        final byte[] bytes = concat(chunk().build().toByteArray(),
            DataChunk.newBuilder().setStreamId("second").setSequence(7).buildPartial().toByteArray());

        assertThat(wrap(bytes)).isEqualTo(CodecStatus.OK);

        final DataChunk parsed = DataChunk.parseFrom(bytes);
        assertThat(streamId()).isEqualTo(parsed.getStreamId()).isEqualTo("second");
        assertThat(flyweight.sequence()).isEqualTo(parsed.getSequence()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream_id", "sequence", "payload"})
    void shouldRejectMissingRequiredFieldAsMalformed(final String field)
    {
        final DataChunk.Builder builder = chunk();
        builder.clearField(DataChunk.getDescriptor().findFieldByName(field));

        assertThat(wrap(builder.buildPartial().toByteArray())).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({
        "stream_id, VARINT", "stream_id, FIXED32", "stream_id, FIXED64",
        "sequence, LENGTH_DELIMITED", "sequence, FIXED64", "sequence, FIXED32",
        "payload, VARINT", "payload, FIXED64", "payload, FIXED32"})
    void shouldRejectRequiredFieldOfWrongWireTypeAsMalformed(final String field, final UnknownWireType wireType)
    {
        final int number = DataChunk.getDescriptor().findFieldByName(field).getNumber();
        final DataChunk.Builder without = chunk();
        without.clearField(DataChunk.getDescriptor().findFieldByName(field));

        assertThat(wrap(concat(without.buildPartial().toByteArray(), unknownField(number, wireType))))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(chunk().build().toByteArray(), unknownField(number, wireType))))
            .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectEmptyInputAsMalformed()
    {
        assertThat(wrap(new byte[0])).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @Test
    void shouldRejectEveryTruncationAsMalformed()
    {
        final byte[] bytes = chunk().setSequence(-1).build().toByteArray();

        for (int length = 0; length < bytes.length; length++)
        {
            assertThat(wrap(Arrays.copyOf(bytes, length))).as("prefix of %d bytes", length)
                .isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        }
    }

    @Test
    void shouldRejectBadProtobufAsMalformed()
    {
        final byte[] valid = chunk().build().toByteArray();
        final int[] elevenByteVarint = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};

        assertThat(wrap(concat(valid, new Raw().tag(0, 0).raw(0).toByteArray())))
            .as("field number 0").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().tag(999, 3).tag(999, 4).toByteArray())))
            .as("group").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().tag(999, 4).toByteArray())))
            .as("end group").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().tag(999, 6).toByteArray())))
            .as("wire type 6").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().tag(3, 2).varint(5).raw(1).toByteArray())))
            .as("payload past end").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().tag(2, 0).raw(elevenByteVarint).toByteArray())))
            .as("sequence of eleven varint bytes").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
        assertThat(wrap(concat(valid, new Raw().varint(999L << 3 | 1L << 32).varint(1).toByteArray())))
            .as("tag above 32 bits").isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({"-1, 4", "0, -1", "0, 65", "60, 5", "2147483647, 1", "-2147483648, 0", "1, 2147483647"})
    void shouldReportTruncatedForBadOffsetOrLength(final int offset, final int length)
    {
        assertThat(flyweight.wrap(new UnsafeBuffer(new byte[64]), offset, length)).isEqualTo(CodecStatus.TRUNCATED);
        assertThat(flyweight.streamIdOffset()).isEqualTo(-1);
    }

    @Test
    void shouldForgetStreamIdWhenNextWrapFails()
    {
        assertThat(wrap(chunk().build().toByteArray())).isEqualTo(CodecStatus.OK);

        assertThat(wrap(new byte[] {(byte)0xFF})).isEqualTo(CodecStatus.MALFORMED_MESSAGE);

        assertThat(flyweight.streamIdOffset()).isEqualTo(-1);
        assertThat(flyweight.streamIdLength()).isZero();
        assertThat(wrap(DataChunk.newBuilder().setSequence(3).setPayload(ByteString.EMPTY).buildPartial()
            .toByteArray())).isEqualTo(CodecStatus.MALFORMED_MESSAGE);
    }

    private CodecStatus wrap(final byte[] bytes)
    {
        final byte[] backing = new byte[OFFSET + bytes.length + 8];
        Arrays.fill(backing, (byte)0xFF);
        System.arraycopy(bytes, 0, backing, OFFSET, bytes.length);
        buffer = new UnsafeBuffer(backing);
        return flyweight.wrap(buffer, OFFSET, bytes.length);
    }

    private String streamId()
    {
        final byte[] bytes = new byte[flyweight.streamIdLength()];
        buffer.getBytes(flyweight.streamIdOffset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static DataChunk.Builder chunk()
    {
        return DataChunk.newBuilder()
            .setStreamId(STREAM_ID)
            .setSequence(42)
            .setPayload(ByteString.copyFrom(new byte[] {1, 2, 3}));
    }
}
