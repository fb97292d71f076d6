package dev.actr.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.internal.CorrelationIdDescriptor;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.egress.LaneResults;
import dev.actr.engine.internal.host.BlockingHostCall;
import dev.actr.engine.internal.host.HostExecutors;
import dev.actr.engine.internal.host.HostFutureCall;
import dev.actr.engine.internal.host.HostPublisher;
import dev.actr.engine.internal.payload.PayloadDecoder;
import org.agrona.DirectBuffer;

import dev.actr.lanes.PeerDiscovery;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
    private static final long TELL_BACKOFF_MAX_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final HostPublisher publisher;
    private final AtomicLong hostSequence;
    private final HostExecutors executors;
    private final long defaultTimeoutMs;
    private final PeerDiscovery discovery;
    private final ThreadLocal<BlockingHostCall> blockingCalls = ThreadLocal.withInitial(BlockingHostCall::new);
    private final ThreadLocal<PayloadDecoder> decoders = ThreadLocal.withInitial(PayloadDecoder::new);

    HostClient(
        final HostPublisher publisher,
        final AtomicLong hostSequence,
        final HostExecutors executors,
        final long defaultTimeoutMs,
        final PeerDiscovery discovery)
    {
        this.discovery = discovery;
        this.publisher = publisher;
        this.hostSequence = hostSequence;
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
        return callFuture(dest, publisher.routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, request, parser, timeoutMs);
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
        return callBlocking(dest, publisher.routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, request, parser, timeoutMs);
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
        return publishTell(dest, publisher.routeKeyBytes(routeKey), PayloadType.RPC_RELIABLE_VALUE, message);
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

    /**
     * Find peers of other nodes by actor type, through the node's discovery (the signaling service).
     *
     * @param type the actor type wanted.
     * @return completes with the ids found (possibly none), or exceptionally with a {@link CallFailedException}
     * ({@code Unavailable}) when the node has no discovery or it failed.
     */
    public CompletableFuture<List<ActrId>> discover(final ActrType type)
    {
        Objects.requireNonNull(type, "type");
        if (discovery == null)
        {
            return CompletableFuture.failedFuture(
                new CallFailedException(ErrorCode.UNAVAILABLE.code(), "the node has no discovery"));
        }
        return discovery.discover(type).exceptionallyCompose(error -> CompletableFuture.failedFuture(
            new CallFailedException(ErrorCode.UNAVAILABLE.code(), "discovery failed: " + error.getMessage())));
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
        final int result = publisher.publish(dest, routeKey, payloadType, request, timeoutMs, correlationId, call);
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
        final int result = publisher.publish(dest, routeKey, payloadType, request, timeoutMs, correlationId, call);
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
        return publisher.publish(dest, routeKey, payloadType, message, 0, CorrelationIdDescriptor.nextHostId(hostSequence), null);
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

    private <R> R decode(final BlockingHostCall call, final Parser<R> parser)
    {
        try
        {
            if (!call.isError())
            {
                return decoders.get().decode(parser, call.payload(), 0, call.payloadLength());
            }
            if (call.payloadLength() < 0)
            {
                throw new CallFailedException(call.errorCode(), call.failureMessage());
            }
            final ErrorResponse error =
                decoders.get().decode(ErrorResponse.parser(), call.payload(), 0, call.payloadLength());
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
            LaneResults.errorCodeOf(result);
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
