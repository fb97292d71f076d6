package dev.actr.engine;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.ingress.IngressEvent;
import dev.actr.engine.ingress.IngressRing;
import dev.actr.engine.pending.PendingCall;
import dev.actr.engine.scheduler.Scheduler;
import dev.actr.lanes.FrameSink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The embedding application's way in: calls and tells to the node's actors from any thread. Each call is
 * encoded straight into an ingress ring event (no intermediate copy); the engine thread registers it in the
 * pending map and routes it like any other request.
 *
 * <p>Thread safe.
 */
public final class HostClient
{
    /** Publish result: the destination is not on this node. */
    private static final int UNREACHABLE = -100;
    private static final long GIVE_UP_GRACE_NS = TimeUnit.SECONDS.toNanos(5);
    private static final Function<String, UnsafeBuffer> ENCODE_ROUTE_KEY =
        key -> new UnsafeBuffer(key.getBytes(StandardCharsets.UTF_8));

    private final IngressRing ring;
    private final Scheduler scheduler;
    private final AtomicLong correlationIds;
    private final SystemCounters counters;
    private final long defaultTimeoutMs;
    private final ConcurrentHashMap<String, UnsafeBuffer> routeKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<RpcEnvelopeEncoder> encoders = ThreadLocal.withInitial(RpcEnvelopeEncoder::new);
    private final ThreadLocal<BlockingHostCall> blockingCalls = ThreadLocal.withInitial(BlockingHostCall::new);

    HostClient(
        final IngressRing ring,
        final Scheduler scheduler,
        final AtomicLong correlationIds,
        final SystemCounters counters,
        final long defaultTimeoutMs)
    {
        this.ring = ring;
        this.scheduler = scheduler;
        this.correlationIds = correlationIds;
        this.counters = counters;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /**
     * Call an actor with the node's default deadline.
     *
     * @param dest     the actor.
     * @param routeKey route of the method.
     * @param request  request message.
     * @param parser   of the response.
     * @param <R>      response type.
     * @return completes with the response, or exceptionally with a {@link CallFailedException}.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser)
    {
        return call(dest, routeKey, request, parser, defaultTimeoutMs);
    }

    /**
     * Call an actor.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget, > 0.
     * @param <R>       response type.
     * @return completes with the response, or exceptionally with a {@link CallFailedException}; completion runs
     * on the engine thread.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        final HostFutureCall<R> call = new HostFutureCall<>(parser);
        final long correlationId = Scheduler.nextHostCorrelationId(correlationIds);
        final int result = publish(dest, routeKey, request, timeoutMs, correlationId, call);
        if (result != FrameSink.OK)
        {
            call.onFailure(correlationId, failureCode(result), failureMessage(result, dest));
        }
        return call.future;
    }

    /**
     * Call an actor and wait for the response on this thread, spinning briefly then parking; nothing is
     * allocated but the response message.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget, > 0.
     * @param <R>       response type.
     * @return the response.
     * @throws CallFailedException when the actor answered an error, the deadline passed or the call could not
     *                             be sent.
     */
    public <R> R callBlocking(
        final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        final BlockingHostCall call = blockingCalls.get();
        final long correlationId = Scheduler.nextHostCorrelationId(correlationIds);
        call.expect(correlationId);
        final int result = publish(dest, routeKey, request, timeoutMs, correlationId, call);
        if (result != FrameSink.OK)
        {
            throw new CallFailedException(failureCode(result), failureMessage(result, dest));
        }
        if (!call.await(correlationId, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) +
            GIVE_UP_GRACE_NS))
        {
            blockingCalls.remove();
            throw new CallFailedException(ErrorCode.TIMED_OUT.code(), "the engine did not answer in time");
        }
        return decode(call, parser);
    }

    /**
     * Send a one-way message.
     *
     * @param dest     the actor.
     * @param routeKey route of the method.
     * @param message  the message.
     * @return true when it was accepted by the ingress ring.
     */
    public boolean tell(final Dest dest, final String routeKey, final MessageLite message)
    {
        return publish(dest, routeKey, message, 0, Scheduler.nextHostCorrelationId(correlationIds), null) == FrameSink.OK;
    }

    private int publish(
        final Dest dest,
        final String routeKey,
        final MessageLite message,
        final long timeoutMs,
        final long correlationId,
        final PendingCall call)
    {
        final int target = scheduler.resolve(dest);
        if (target < 0)
        {
            return UNREACHABLE;
        }
        if (call != null && timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
        final UnsafeBuffer routeKeyBytes = routeKeys.computeIfAbsent(routeKey, ENCODE_ROUTE_KEY);
        final int payloadLength = message.getSerializedSize();
        final int maxLength = RpcEnvelopeEncoder.maxLength(routeKeyBytes.capacity(), payloadLength, 20, 0);
        final long sequence = ring.tryClaim(maxLength);
        if (sequence < 0)
        {
            if (sequence == FrameSink.BACK_PRESSURED)
            {
                counters.incrementConcurrently(SystemCounter.RING_BACK_PRESSURED);
            }
            return (int)sequence;
        }
        final IngressEvent event = ring.event(sequence);
        try
        {
            final int length = encode(event.prepare(maxLength), routeKeyBytes, message, payloadLength,
                call != null ? timeoutMs : 0, correlationId);
            event.set(call != null ? IngressEvent.KIND_HOST_CALL : IngressEvent.KIND_ENVELOPE,
                Scheduler.HOST_INDEX, target, PayloadType.RPC_RELIABLE_VALUE, length, correlationId, call);
        }
        catch (final IOException | RuntimeException ex)
        {
            event.set(IngressEvent.KIND_ENVELOPE, Scheduler.HOST_INDEX, target, 0, 0, 0, null);
            throw new IllegalStateException("could not encode the message", ex);
        }
        finally
        {
            ring.publish(sequence);
        }
        return FrameSink.OK;
    }

    private int encode(
        final MutableDirectBuffer buffer,
        final UnsafeBuffer routeKey,
        final MessageLite message,
        final int payloadLength,
        final long timeoutMs,
        final long correlationId) throws IOException
    {
        final RpcEnvelopeEncoder encoder = encoders.get().wrap(buffer, 0).routeKey(routeKey, 0, routeKey.capacity());
        final int payloadOffset = encoder.reservePayload(payloadLength);
        message.writeTo(CodedOutputStream.newInstance(
            buffer.byteArray(), buffer.wrapAdjustment() + payloadOffset, payloadLength));
        encoder.direction(timeoutMs > 0 ? Direction.REQUEST_VALUE : Direction.TELL_VALUE)
            .requestId(correlationId)
            .timeoutMs(timeoutMs);
        return encoder.encodedLength();
    }

    private static <R> R decode(final BlockingHostCall call, final Parser<R> parser)
    {
        try
        {
            if (!call.isError)
            {
                return parser.parseFrom(call.payload.byteArray(), 0, call.payloadLength);
            }
            if (call.payloadLength < 0)
            {
                throw new CallFailedException(call.errorCode, call.failureMessage);
            }
            final ErrorResponse error = ErrorResponse.parser().parseFrom(
                call.payload.byteArray(), 0, call.payloadLength);
            throw new CallFailedException(error.getCode(), error.getMessage());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            throw new CallFailedException(ErrorCode.DECODE_FAILURE.code(), "response did not decode: " + ex);
        }
    }

    private static int failureCode(final int result)
    {
        return result == UNREACHABLE ? ErrorCode.CONNECTION_NOT_READY.code() :
            result == FrameSink.OVERSIZE ? ErrorCode.INVALID_ARGUMENT.code() : ErrorCode.UNAVAILABLE.code();
    }

    private static String failureMessage(final int result, final Dest dest)
    {
        switch (result)
        {
            case UNREACHABLE:
                return "no lane to " + dest;
            case FrameSink.OVERSIZE:
                return "message larger than the node's maximum frame";
            case FrameSink.CLOSED:
                return "node closed";
            default:
                return "ingress ring full";
        }
    }

    /**
     * Call an actor under a pre-encoded route key.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget, > 0.
     * @param <R>       response type.
     * @return completes with the response, or exceptionally with a {@link CallFailedException}.
     */
    public <R> CompletableFuture<R> call(
        final Dest dest, final RouteKey routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        return call(dest, routeKey.name(), request, parser, timeoutMs);
    }

    /**
     * Call an actor under a pre-encoded route key and wait for the response on this thread.
     *
     * @param dest      the actor.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response.
     * @param timeoutMs deadline budget, > 0.
     * @param <R>       response type.
     * @return the response.
     * @throws CallFailedException when the call failed.
     */
    public <R> R callBlocking(
        final Dest dest, final RouteKey routeKey, final MessageLite request, final Parser<R> parser, final long timeoutMs)
    {
        return callBlocking(dest, routeKey.name(), request, parser, timeoutMs);
    }

    /**
     * Send a one-way message under a pre-encoded route key.
     *
     * @param dest     the actor.
     * @param routeKey route of the method.
     * @param message  the message.
     * @return true when it was accepted.
     */
    public boolean tell(final Dest dest, final RouteKey routeKey, final MessageLite message)
    {
        return tell(dest, routeKey.name(), message);
    }
}
