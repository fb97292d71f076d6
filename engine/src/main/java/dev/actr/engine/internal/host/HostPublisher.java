package dev.actr.engine.internal.host;

import com.google.protobuf.MessageLite;
import dev.actr.codec.FrameKind;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.SendResult;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.engine.internal.ingress.IngressRing;
import dev.actr.engine.internal.payload.PayloadEncoder;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.engine.internal.scheduler.ActorDirectory;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Publishes a host call or tell: resolves the destination (an actor of this node from the read-only directory, or a
 * peer the engine resolves), stamps a call's deadline by the node's clock, and encodes the envelope straight into a
 * claimed ring event — no intermediate copy.
 *
 * <p>Thread safe: encoders are per thread.
 */
public final class HostPublisher
{
    private static final Function<String, UnsafeBuffer> ENCODE_ROUTE_KEY =
        key -> new UnsafeBuffer(key.getBytes(StandardCharsets.UTF_8));
    private static final int MAX_REQUEST_ID_DIGITS = 20;

    private final IngressRing ring;
    private final ActorDirectory directory;
    private final SystemCounters counters;
    private final EpochNanoClock clock;
    private final ConcurrentHashMap<String, UnsafeBuffer> routeKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<RpcEnvelopeEncoder> encoders = ThreadLocal.withInitial(RpcEnvelopeEncoder::new);
    private final ThreadLocal<PayloadEncoder> payloadEncoders = ThreadLocal.withInitial(PayloadEncoder::new);

    /**
     * @param ring      the node's ingress ring.
     * @param directory resolves local destinations (read-only after launch).
     * @param counters  counts back-pressured publishes.
     * @param clock     the node's clock, thread safe, for call deadlines.
     */
    public HostPublisher(
        final IngressRing ring, final ActorDirectory directory, final SystemCounters counters,
        final EpochNanoClock clock)
    {
        this.ring = ring;
        this.directory = directory;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @param routeKey a route key given as text.
     * @return its UTF-8 bytes, encoded once per key.
     * @throws IllegalArgumentException when the key is null or empty.
     */
    public DirectBuffer routeKeyBytes(final String routeKey)
    {
        if (routeKey == null || routeKey.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        return routeKeys.computeIfAbsent(routeKey, ENCODE_ROUTE_KEY);
    }

    /**
     * @param dest          the destination.
     * @param routeKey      route key bytes (the whole buffer).
     * @param payloadType   PayloadType number.
     * @param message       the request or tell.
     * @param timeoutMs     a call's budget (ignored for a tell).
     * @param correlationId the request id.
     * @param call          the call waiting for the response, or null for a tell.
     * @return a {@link SendResult}.
     */
    public int publish(
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
        payloadEncoders.get().encode(message, payloadLength, buffer, payloadOffset);
        encoder.direction(isRequest ? Direction.REQUEST_VALUE : Direction.TELL_VALUE)
            .requestId(correlationId)
            .timeoutMs(isRequest ? timeoutMs : 0);
        return encoder.encodedLength();
    }
}
