package dev.actr.journal.replay;

import com.google.protobuf.ByteString;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.RpcEnvelope;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Encoded envelopes and chunks, times and contexts shared by the replay journal tests.
 */
final class JournalFixtures
{
    /** 2026-11-23T12:00:00Z in epoch ns. */
    static final long T0 = TimeUnit.SECONDS.toNanos(Instant.parse("2026-11-23T12:00:00Z").getEpochSecond());
    static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    private JournalFixtures()
    {
    }

    static ReplayJournalContext context(final Path directory, final SetTimeProvider clock)
    {
        return new ReplayJournalContext()
            .directory(directory)
            .rollCycle(RollCycles.FAST_HOURLY)
            .blockSize(ReplayJournalContext.MIN_BLOCK_SIZE)
            .timeProvider(clock);
    }

    static SetTimeProvider clockAt(final long epochMs)
    {
        return new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(epochMs));
    }

    static byte[] request(final String route, final long id, final long timeoutMs, final int payloadLength)
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey(route)
            .setPayload(ByteString.copyFrom(payload(payloadLength)))
            .setDirection(Direction.REQUEST)
            .setRequestId(Long.toString(id))
            .setTimeoutMs(timeoutMs)
            .build()
            .toByteArray();
    }

    static byte[] tell(final String route, final long id, final int payloadLength)
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey(route)
            .setPayload(ByteString.copyFrom(payload(payloadLength)))
            .setDirection(Direction.TELL)
            .setRequestId(Long.toString(id))
            .setTimeoutMs(0)
            .build()
            .toByteArray();
    }

    static byte[] response(final String route, final long id, final int payloadLength)
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey(route)
            .setPayload(ByteString.copyFrom(payload(payloadLength)))
            .setDirection(Direction.RESPONSE)
            .setRequestId(Long.toString(id))
            .setTimeoutMs(0)
            .build()
            .toByteArray();
    }

    static byte[] errorResponse(final String route, final long id, final int code, final String message)
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey(route)
            .setError(ErrorResponse.newBuilder().setCode(code).setMessage(message))
            .setDirection(Direction.RESPONSE)
            .setRequestId(Long.toString(id))
            .setTimeoutMs(0)
            .build()
            .toByteArray();
    }

    static byte[] chunk(final String streamId, final long sequence, final int payloadLength)
    {
        return DataChunk.newBuilder()
            .setStreamId(streamId)
            .setSequence(sequence)
            .setPayload(ByteString.copyFrom(payload(payloadLength)))
            .build()
            .toByteArray();
    }

    static byte[] payload(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }
        return bytes;
    }

    static UnsafeBuffer buffer(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }
}
