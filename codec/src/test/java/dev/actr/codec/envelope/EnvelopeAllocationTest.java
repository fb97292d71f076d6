package dev.actr.codec.envelope;

import com.sun.management.ThreadMXBean;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.Direction;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope codecs allocate nothing per envelope in steady state, trace context and metadata included: encoding
 * from buffers and from text, wrapping, walking the metadata and forwarding it. Measured with the JVM's per-thread
 * allocation counter, as {@code ReplayJournalAllocationTest} does.
 */
class EnvelopeAllocationTest
{
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int MEASURED_ROUNDS = 10_000;
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String TRACESTATE = "vendor=café";

    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
    private final MetadataFlyweight metadata = new MetadataFlyweight();
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer response = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer text = new UnsafeBuffer(
        ("echo.Echo/Say" + TRACEPARENT + "tenantacme").getBytes(StandardCharsets.UTF_8));
    private final StringBuilder key = new StringBuilder("attempt");
    private long checksum;

    @Test
    void shouldEncodeAndReadTraceContextAndMetadataWithoutAllocating()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        rounds(WARM_UP_ROUNDS);

        final long before = threads.getThreadAllocatedBytes(threadId);
        rounds(MEASURED_ROUNDS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // Less than one byte per round: any allocation per envelope (16 bytes or more) fails it.
        assertThat(allocated).as("bytes allocated by %d rounds", MEASURED_ROUNDS).isLessThan(MEASURED_ROUNDS);
        assertThat(checksum).isPositive();
    }

    private void rounds(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            key.setLength(7);
            key.append(i & 7);
            final int length = encoder.wrap(request, 0)
                .routeKey(text, 0, 13)
                .payload(text, 0, 4)
                .direction(Direction.REQUEST_VALUE)
                .traceparent(text, 13, TRACEPARENT.length())
                .tracestate(TRACESTATE)
                .requestId(i)
                .metadataEntry(text, 13 + TRACEPARENT.length(), 6, text, 19 + TRACEPARENT.length(), 4)
                .metadataEntry(key, TRACESTATE)
                .timeoutMs(1000)
                .encodedLength();
            if (flyweight.wrap(request, 0, length) != CodecStatus.OK)
            {
                throw new AssertionError("round " + i);
            }
            encoder.wrap(response, 0)
                .routeKey(flyweight.buffer(), flyweight.routeKeyOffset(), flyweight.routeKeyLength())
                .direction(Direction.RESPONSE_VALUE)
                .traceparent(flyweight.buffer(), flyweight.traceparentOffset(), flyweight.traceparentLength())
                .tracestate(flyweight.buffer(), flyweight.tracestateOffset(), flyweight.tracestateLength())
                .requestId(flyweight.correlationId());
            metadata.wrap(flyweight);
            while (metadata.next())
            {
                encoder.metadataEntry(metadata);
                checksum += metadata.keyLength() + metadata.valueLength();
            }
            checksum += encoder.timeoutMs(0).encodedLength();
        }
    }
}
