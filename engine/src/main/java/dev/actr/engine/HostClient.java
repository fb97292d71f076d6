package dev.actr.engine;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.FrameKind;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.internal.CorrelationIdDescriptor;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.host.BlockingHostCall;
import dev.actr.engine.internal.host.HostExecutors;
import dev.actr.engine.internal.host.HostFutureCall;
import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.engine.internal.ingress.IngressRing;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.engine.internal.scheduler.ActorDirectory;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The embedding application's way in: calls and tells to the node's actors, and to peers of other nodes, from any
 * thread. Each message is encoded straight into an ingress ring event; the engine thread routes it.
 *
 * <p>A call's deadline starts when it is made, by the node's clock: time spent in the ring or behind a busy
 * handler counts, and a request whose deadline passed is never run. The caller is answered {@code TimedOut} at its
 * deadline by its own side (a blocking call stops waiting; a future is failed by a timer thread), even when the
 * engine is stuck. Futures complete on the node's host executor ({@link NodeContext#hostExecutor}), never on the
 * engine thread, so dependent stages of the embedder cannot stall the actors; {@code callBlocking} is the fast path.
 * Arguments are checked on the calling thread before anything is sent.
 *
 * <p>Thread safe.
 */
public final class HostClient
{
    private static final Function<String, UnsafeBuffer> ENCODE_ROUTE_KEY =
        key -> new UnsafeBuffer(key.getBytes(StandardCharsets.UTF_8));
    private static final int MAX_REQUEST_ID_DIGITS = 20;
    private static final long TELL_BACKOFF_MAX_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final IngressRing ring;
    private final ActorDirectory directory;
    private final AtomicLong hostSequence;
    private final SystemCounters counters;
    private final EpochNanoClock clock;
    private final HostExecutors executors;
    private final long defaultTimeoutMs;
    private final ConcurrentHashMap<String, UnsafeBuffer> routeKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<RpcEnvelopeEncoder> encoders = ThreadLocal.withInitial(RpcEnvelopeEncoder::new);
    private final ThreadLocal<BlockingHostCall> blockingCalls = ThreadLocal.withInitial(BlockingHostCall::new);

    HostClient(
        final IngressRing ring,
        final ActorDirectory directory,
        final AtomicLong hostSequence,
        final SystemCounters counters,
        final EpochNanoClock clock,
        final HostExecutors executors,
        final long defaultTimeoutMs)
    {
        this.ring = ring;
        this.directory = directory;
        this.hostSequence = hostSequence;
        this.counters = counters;
        this.clock = clock;
        this.executors = executors;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /**
     * Call an actor with the node's default deadline.
     *
     * @param dest     the actor (of this node, or {@code Dest.peer(...)} of another).
     * @param routeKey route of the method.
     * @param request  request message.
     * @param parser   of the response.
     * @param <R>      response type.
     * @return completes, on the host executor, with the response or a {@link CallFailedException}.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser)
    {
        return call(dest, routeKey, request, parser, defaultTimeoutMs);
    }

    /**
     * Call an actor.
     *
     * @param dest      the actor (of this node, or {@code Dest.peer(...)} of another).
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget from now, > 0 ({@code Long.MAX_VALUE}: none).
     * @param <R>       response type.
     * @return completes, on the host executor, with the response or a {@link CallFailedException}.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        return callFuture(dest, routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, request, parser, timeoutMs);
    }

    /**
     * Call an actor under a pre-encoded route key (no lookup by string).
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget from now, > 0.
     * @param <R>       response type.
     * @return completes, on the host executor, with the response or a {@link CallFailedException}.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final RouteKey routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        return callFuture(dest, routeKey.bytes(), routeKey.payloadType().getNumber(), request, parser, timeoutMs);
    }

    /**
     * Call an actor and wait for the response on this thread: it spins briefly, then yields, then parks; nothing
     * is allocated but the response message.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget from now, > 0.
     * @param <R>       response type.
     * @return the response.
     * @throws CallFailedException when the actor answered an error, the deadline passed (at the deadline, whatever
     *                             the engine is doing) or the call could not be sent.
     */
    public <R> R callBlocking(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        return callBlocking(dest, routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, request, parser, timeoutMs);
    }

    /**
     * Call an actor under a pre-encoded route key and wait for the response on this thread.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget from now, > 0.
     * @param <R>       response type.
     * @return the response.
     * @throws CallFailedException when the call failed.
     */
    public <R> R callBlocking(
        final Dest dest, final RouteKey routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        return callBlocking(dest, routeKey.bytes(), routeKey.payloadType().getNumber(), request, parser, timeoutMs);
    }

    /**
     * Send a one-way message.
     *
     * @param dest     the actor (a tell to a peer is sent if the peer is connected when the engine routes it).
     * @param routeKey route of the method.
     * @param message  the message.
     * @return a {@link SendResult}: {@code OK}, or why nothing was taken.
     */
    public int tell(final Dest dest, final String routeKey, final MessageLite message)
    {
        return publishTell(dest, routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, message);
    }

    /**
     * Send a one-way message under a pre-encoded route key.
     *
     * @param dest     the actor.
     * @param routeKey route of the method.
     * @param message  the message.
     * @return a {@link SendResult}.
     */
    public int tell(final Dest dest, final RouteKey routeKey, final MessageLite message)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        return publishTell(dest, routeKey.bytes(), routeKey.payloadType().getNumber(), message);
    }

    /**
     * Send a one-way message, waiting while the ingress is full (backpressure): retries with a short backoff until
     * taken or {@code timeoutMs} passed.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param message   the message.
     * @param timeoutMs longest wait for room, >= 0.
     * @return a {@link SendResult}; {@code BACK_PRESSURED} only when the wait ran out.
     */
    public int tell(final Dest dest, final RouteKey routeKey, final MessageLite message, final long timeoutMs)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
        long backoffNs = 1_000;
        int result;
        while ((result = publishTell(dest, routeKey.bytes(), routeKey.payloadType().getNumber(), message)) ==
            SendResult.BACK_PRESSURED && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(backoffNs);
            backoffNs = Math.min(backoffNs << 1, TELL_BACKOFF_MAX_NS);
        }
        return result;
    }

    private <R> CompletableFuture<R> callFuture(
        final Dest dest,
        final DirectBuffer routeKey,
        final int payloadType,
        final MessageLite request,
        final Parser<R> parser,
        final long timeoutMs)
    {
        checkCall(dest, request, parser, timeoutMs);
        final HostFutureCall<R> call = new HostFutureCall<>(parser, executors.completions());
        final long correlationId = CorrelationIdDescriptor.nextHostId(hostSequence);
        final int result = publish(dest, routeKey, payloadType, request, timeoutMs, correlationId, call);
        if (result != SendResult.OK)
        {
            call.failNow(failureCode(result), failureMessage(result, dest));
            return call.future();
        }
        if (timeoutMs < TimeUnit.NANOSECONDS.toMillis(Long.MAX_VALUE))
        {
            final ScheduledFuture<?> timer = executors.schedule(() -> call.failNow(ErrorCode.TIMED_OUT.code(),
                "deadline passed (" + timeoutMs + " ms) with no response"), TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            if (timer != null)
            {
                call.future().whenComplete((response, error) -> timer.cancel(false));
            }
        }
        return call.future();
    }

    private <R> R callBlocking(
        final Dest dest,
        final DirectBuffer routeKey,
        final int payloadType,
        final MessageLite request,
        final Parser<R> parser,
        final long timeoutMs)
    {
        checkCall(dest, request, parser, timeoutMs);
        final long startNs = System.nanoTime();
        final BlockingHostCall call = blockingCalls.get();
        final long correlationId = CorrelationIdDescriptor.nextHostId(hostSequence);
        call.expect(correlationId);
        final int result = publish(dest, routeKey, payloadType, request, timeoutMs, correlationId, call);
        if (result != SendResult.OK)
        {
            throw new CallFailedException(failureCode(result), failureMessage(result, dest));
        }
        if (!call.await(correlationId, Deadlines.afterMs(startNs, timeoutMs)))
        {
            blockingCalls.remove(); // the engine may still answer into the old slot
            throw new CallFailedException(ErrorCode.TIMED_OUT.code(),
                "deadline passed (" + timeoutMs + " ms) with no response");
        }
        return decode(call, parser);
    }

    private int publishTell(final Dest dest, final DirectBuffer routeKey, final int payloadType,
        final MessageLite message)
    {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(message, "message");
        return publish(dest, routeKey, payloadType, message, 0, CorrelationIdDescriptor.nextHostId(hostSequence), null);
    }

    private int publish(
        final Dest dest,
        final DirectBuffer routeKey,
        final int payloadType,
        final MessageLite message,
        final long timeoutMs,
        final long correlationId,
        final PendingCall call)
    {
        final boolean toPeer = dest instanceof Dest.Peer;
        final int target = toPeer ? IngressEvent.TARGET_PEER : directory.resolveLocal(dest);
        if (target == -1)
        {
            return SendResult.UNREACHABLE;
        }
        final int payloadLength = message.getSerializedSize();
        final int maxLength = RpcEnvelopeEncoder.maxLength(routeKey.capacity(), payloadLength,
            MAX_REQUEST_ID_DIGITS, 0);
        final long deadlineNs = call != null ? Deadlines.afterMs(clock.nanoTime(), timeoutMs) : 0;
        final long sequence = ring.tryClaim(maxLength);
        if (sequence < 0)
        {
            if (sequence == SendResult.BACK_PRESSURED)
            {
                counters.incrementConcurrently(SystemCounter.RING_BACK_PRESSURED);
            }
            return (int)sequence;
        }
        final IngressEvent event = ring.event(sequence);
        try
        {
            final int length = encode(event.prepare(maxLength), routeKey, message, payloadLength, timeoutMs,
                correlationId, call != null);
            event.setLocal(call != null ? FrameKind.HOST_CALL : FrameKind.ENVELOPE, ActorDirectory.HOST_INDEX, target,
                payloadType, length, correlationId, deadlineNs, call, toPeer ? dest.id() : null);
        }
        catch (final IOException | RuntimeException ex)
        {
            event.setLocal(FrameKind.ENVELOPE, ActorDirectory.HOST_INDEX, target, payloadType, 0, 0, 0, null, null);
            throw new IllegalStateException("could not encode the message", ex);
        }
        finally
        {
            ring.publish(sequence);
        }
        return SendResult.OK;
    }

    private int encode(
        final MutableDirectBuffer buffer,
        final DirectBuffer routeKey,
        final MessageLite message,
        final int payloadLength,
        final long timeoutMs,
        final long correlationId,
        final boolean isRequest) throws IOException
    {
        final RpcEnvelopeEncoder encoder = encoders.get().wrap(buffer, 0).routeKey(routeKey, 0, routeKey.capacity());
        final int payloadOffset = encoder.reservePayload(payloadLength);
        message.writeTo(CodedOutputStream.newInstance(
            buffer.byteArray(), buffer.wrapAdjustment() + payloadOffset, payloadLength));
        encoder.direction(isRequest ? Direction.REQUEST_VALUE : Direction.TELL_VALUE)
            .requestId(correlationId)
            .timeoutMs(isRequest ? timeoutMs : 0);
        return encoder.encodedLength();
    }

    private DirectBuffer routeKeyBytes(final String routeKey)
    {
        if (routeKey == null || routeKey.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        return routeKeys.computeIfAbsent(routeKey, ENCODE_ROUTE_KEY);
    }

    private static void checkCall(final Dest dest, final MessageLite request, final Parser<?> parser,
        final long timeoutMs)
    {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(parser, "parser");
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
    }

    private static <R> R decode(final BlockingHostCall call, final Parser<R> parser)
    {
        try
        {
            if (!call.isError())
            {
                return parser.parseFrom(call.payload().byteArray(), 0, call.payloadLength());
            }
            if (call.payloadLength() < 0)
            {
                throw new CallFailedException(call.errorCode(), call.failureMessage());
            }
            final ErrorResponse error = ErrorResponse.parser().parseFrom(
                call.payload().byteArray(), 0, call.payloadLength());
            throw new CallFailedException(error.getCode(), error.getMessage());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            throw new CallFailedException(ErrorCode.DECODE_FAILURE.code(), "response did not decode: " + ex);
        }
    }

    private static int failureCode(final int result)
    {
        return result == SendResult.UNREACHABLE ? ErrorCode.CONNECTION_NOT_READY.code() :
            EgressProxy.errorCodeOf(result);
    }

    private static String failureMessage(final int result, final Dest dest)
    {
        switch (result)
        {
            case SendResult.UNREACHABLE:
                return "no lane to " + dest;
            case SendResult.OVERSIZE:
                return "message larger than the node's maximum frame";
            case SendResult.CLOSED:
                return "node closed";
            default:
                return "ingress ring full";
        }
    }
}
