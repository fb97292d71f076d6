package dev.actr.engine.internal.payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.StringValue;
import com.sun.management.ThreadMXBean;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.MetadataEntry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCodersTest
{
    private final PayloadEncoder encoder = new PayloadEncoder();
    private final PayloadDecoder decoder = new PayloadDecoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    @Test
    void shouldRoundTripMessagesOfEverySizeAcrossManyScratchArrays() throws IOException
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        System.out.println("PayloadCodersTest seed " + seed);
        final Random random = new Random(seed);
        long bytes = 0;
        for (int i = 0; bytes < 5L * PayloadDecoder.SCRATCH_BYTES; i++)
        {
            final int size = random.nextInt(10) == 0 ? random.nextInt(3 * PayloadDecoder.SCRATCH_BYTES) :
                random.nextInt(600);
            final DataChunk chunk = chunk("s" + i, i, size, random);
            final int length = chunk.getSerializedSize();
            final int offset = random.nextInt(64);
            buffer.checkLimit(offset + length);
            encoder.encode(chunk, length, buffer, offset);
            assertThat(decoder.decode(DataChunk.parser(), buffer, offset, length)).as("message %d", i)
                .isEqualTo(chunk);
            bytes += length;
        }
    }

    @Test
    void shouldEncodeIntoBuffersWithoutABackingArray() throws IOException
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * PayloadEncoder.SCRATCH_BYTES));
        for (final int size : new int[] {0, 10, 2 * PayloadEncoder.SCRATCH_BYTES})
        {
            final DataChunk chunk = chunk("direct", size, size, new Random(size));
            encoder.encode(chunk, chunk.getSerializedSize(), direct, 3);
            assertThat(decoder.decode(DataChunk.parser(), direct, 3, chunk.getSerializedSize())).isEqualTo(chunk);
        }
    }

    @Test
    void shouldNotChangeAParsedMessageWhenTheScratchArrayIsReused() throws IOException
    {
        final DataChunk first = chunk("first", 1, 100, new Random(1));
        final DataChunk parsed = roundTrip(first, DataChunk.parser());
        for (int i = 0; i < 2_000; i++)
        {
            roundTrip(chunk("other" + i, i, 100, new Random(i)), DataChunk.parser());
        }
        assertThat(parsed).isEqualTo(first);
        assertThat(parsed.getPayload().toByteArray()).isEqualTo(first.getPayload().toByteArray());
    }

    @Test
    void shouldRejectWhatParseFromRejectsAndKeepDecodingAfterwards() throws IOException
    {
        final byte[] missingRequired = ErrorResponse.newBuilder().setCode(3).buildPartial().toByteArray();
        final byte[] truncated = java.util.Arrays.copyOf(
            StringValue.of("a string long enough to cut").toByteArray(), 10);
        final byte[] endGroup = {(byte)0x0C};
        final byte[] badVarint = {0x08, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF,
            (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, 0x01};
        final byte[] zeroTag = {0x00, 0x01};

        for (final byte[] bad : List.of(missingRequired, truncated, endGroup, badVarint, zeroTag))
        {
            final UnsafeBuffer wrapped = new UnsafeBuffer(bad);
            final Class<? extends Throwable> expected = parseFromFailure(bad);
            assertThatThrownBy(() -> decoder.decode(ErrorResponse.parser(), wrapped, 0, bad.length))
                .isInstanceOf(expected);
            final ErrorResponse good = ErrorResponse.newBuilder().setCode(7).setMessage("fine").build();
            assertThat(roundTrip(good, ErrorResponse.parser())).isEqualTo(good);
        }
    }

    @Test
    void shouldDecodeAnEmptyPayloadAsTheDefaultMessage() throws InvalidProtocolBufferException
    {
        assertThat(decoder.decode(Int64Value.parser(), buffer, 0, 0)).isEqualTo(Int64Value.getDefaultInstance());
    }

    @Test
    void shouldRefuseALengthThatIsNotTheMessagesSerialisedSize()
    {
        final StringValue message = StringValue.of("twelve bytes");
        assertThatThrownBy(() -> encoder.encode(message, message.getSerializedSize() - 1, buffer, 0))
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> encoder.encode(message, message.getSerializedSize() + 1, buffer, 0))
            .isInstanceOf(IOException.class);
    }

    @Test
    void shouldAllocateOnlyTheMessagesThemselvesInSteadyState() throws IOException
    {
        final Int64Value message = Int64Value.of(123_456_789L);
        final int length = message.getSerializedSize();
        final List<Int64Value> warm = new ArrayList<>();
        for (int i = 0; i < 50_000; i++)
        {
            encoder.encode(message, length, buffer, 0);
            warm.add(decoder.decode(Int64Value.parser(), buffer, 0, length));
        }
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final int rounds = 100_000;
        long sum = 0;
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++)
        {
            encoder.encode(message, length, buffer, 0);
            sum += decoder.decode(Int64Value.parser(), buffer, 0, length).getValue();
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        final long parseFromAllocated = parseFromAllocation(threads, threadId, message, rounds);
        assertThat(sum).isEqualTo(rounds * 123_456_789L);
        assertThat(allocated).as("encode + decode of %d messages (parseFrom alone: %d)", rounds, parseFromAllocated)
            .isLessThan(parseFromAllocated * 3 / 4);
    }

    private long parseFromAllocation(final ThreadMXBean threads, final long threadId, final Int64Value message,
        final int rounds) throws IOException
    {
        final byte[] bytes = message.toByteArray();
        long sum = 0;
        for (int i = 0; i < 50_000; i++)
        {
            sum += Int64Value.parser().parseFrom(bytes, 0, bytes.length).getValue();
        }
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++)
        {
            sum += Int64Value.parser().parseFrom(bytes, 0, bytes.length).getValue();
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(sum).isPositive();
        return allocated;
    }

    private <T> T roundTrip(final MessageLite message, final com.google.protobuf.Parser<T> parser) throws IOException
    {
        final int length = message.getSerializedSize();
        buffer.checkLimit(length);
        encoder.encode(message, length, buffer, 0);
        return decoder.decode(parser, buffer, 0, length);
    }

    private static Class<? extends Throwable> parseFromFailure(final byte[] bad)
    {
        try
        {
            ErrorResponse.parser().parseFrom(bad);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return InvalidProtocolBufferException.class;
        }
        throw new AssertionError("parseFrom took bytes the test means to be bad");
    }

    private static DataChunk chunk(final String streamId, final long sequence, final int size, final Random random)
    {
        final byte[] payload = new byte[size];
        random.nextBytes(payload);
        return DataChunk.newBuilder().setStreamId(streamId).setSequence(sequence)
            .setPayload(ByteString.copyFrom(payload))
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v" + sequence))
            .build();
    }
}
