package dev.actr.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.PayloadType;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ThreadingMode;
import dev.actr.codec.FrameKind;
import dev.actr.engine.internal.ingress.IngressRing;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The routing path on one thread (INVOKER mode): a request frame offered to the ingress ring, routed into the
 * mailbox, dispatched to a raw handler that replies, and the reply routed back through the engine's local frames
 * to the pending map. Must show 0 B/op under {@code -prof gc}. Baseline: the same request handed over the way a naive runtime
 * would — a copied byte array through an {@link ArrayDeque}, parsed into a protobuf object, dispatched by route
 * key string.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RoutingPathBenchmark
{
    private static final ActrId ACTOR = ActrIds.parse("1@1/bench:raw:1");
    private static final String ROUTE = "bench.Raw.Echo";
    private static final int ACTOR_INDEX = 1;

    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer routeKey = new UnsafeBuffer(ROUTE.getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[32]);
    private final ArrayDeque<byte[]> naiveQueue = new ArrayDeque<>();
    private ActrNode node;
    private IngressRing ingress;
    private long correlationId;
    private long handled;

    /**
     * Launch an INVOKER-mode node with one raw echo actor.
     */
    @Setup(Level.Trial)
    public void launch()
    {
        node = ActrNode.launch(new NodeContext()
            .threadingMode(ThreadingMode.INVOKER)
            .dedupCapacity(1024)
            .actor(ACTOR, routes -> routes.handleRaw(ROUTE, PayloadType.RPC_RELIABLE,
                (ctx, buffer, offset, length) -> ctx.replyRaw(buffer, offset, length))));
        ingress = node.ingressRing();
    }

    /**
     * Stop the node.
     */
    @TearDown(Level.Trial)
    public void close()
    {
        node.close();
    }

    /**
     * @return duty-cycle work done for one request and its reply.
     */
    @Benchmark
    public int routeDispatchAndReply()
    {
        final int length = encodeRequest(++correlationId);
        ingress.offer(FrameKind.ENVELOPE, 0, ACTOR_INDEX, PayloadType.RPC_RELIABLE_VALUE, frame, 0, length);
        int work = 0;
        int done;
        while ((done = node.invoke()) > 0)
        {
            work += done;
        }
        return work;
    }

    /**
     * @return requests handled so far.
     * @throws InvalidProtocolBufferException never: the bytes are valid.
     */
    @Benchmark
    public long baselineCopyQueueAndProtobufParse() throws InvalidProtocolBufferException
    {
        final int length = encodeRequest(++correlationId);
        final byte[] copy = new byte[length];
        frame.getBytes(0, copy);
        naiveQueue.add(copy);
        final RpcEnvelope envelope = RpcEnvelope.parseFrom(naiveQueue.poll());
        if (envelope.getRouteKey().equals(ROUTE) && envelope.getDirection() == Direction.REQUEST)
        {
            handled += envelope.getPayload().size();
        }
        return handled;
    }

    private int encodeRequest(final long id)
    {
        encoder.wrap(frame, 0)
            .routeKey(routeKey, 0, routeKey.capacity())
            .payload(payload, 0, payload.capacity())
            .direction(Direction.REQUEST_VALUE)
            .requestId(id)
            .timeoutMs(5_000);
        return encoder.encodedLength();
    }
}
