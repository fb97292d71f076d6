package dev.actr.engine.router;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.EngineClock;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.egress.EnvelopeProxy;
import dev.actr.engine.ingress.IngressEvent;
import dev.actr.engine.ingress.IngressRing;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.engine.pending.PendingCall;
import dev.actr.engine.pending.PendingCalls;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.engine.stream.StreamRegistry;
import dev.actr.lanes.FrameSink;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.TimeUnit;

import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ARRIVAL_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.CALLER_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.PAYLOAD_TYPE_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ROUTE_INDEX_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.TARGET_OFFSET;

/**
 * Routes each ingress event on the engine thread: responses to the pending map, requests and tells into the
 * mailbox, chunks to the stream registry. Allocation-free.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class Router implements IngressRing.Handler
{
    private final RouteTable routes;
    private final Mailbox mailbox;
    private final PendingCalls pending;
    private final StreamRegistry streams;
    private final EnvelopeProxy proxy;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(1024);

    /**
     * @param routes   every route of the node.
     * @param mailbox  for requests and tells.
     * @param pending  calls waiting for responses.
     * @param streams  registered chunk streams.
     * @param proxy    to answer at once what cannot be queued.
     * @param counters system counters.
     * @param clock    the engine clock.
     * @param recorder told of every frame taken from the ring.
     */
    public Router(
        final RouteTable routes,
        final Mailbox mailbox,
        final PendingCalls pending,
        final StreamRegistry streams,
        final EnvelopeProxy proxy,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.routes = routes;
        this.mailbox = mailbox;
        this.pending = pending;
        this.streams = streams;
        this.proxy = proxy;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public void onEvent(final IngressEvent event)
    {
        counters.increment(SystemCounter.FRAMES_IN);
        recorder.onIngress(clock.nanoTime(), event.kind(), event.callerIndex(), event.targetIndex(),
            event.payloadType(), event.correlationId(), event.buffer(), 0, event.length());
        switch (event.kind())
        {
            case IngressEvent.KIND_CHUNK:
                onChunk(event);
                break;
            case IngressEvent.KIND_HOST_CALL:
                onHostCall(event);
                break;
            default:
                onEnvelope(event);
                break;
        }
    }

    private void onHostCall(final IngressEvent event)
    {
        final PendingCall call = (PendingCall)event.attachment();
        if (envelope.wrap(event.buffer(), 0, event.length()) != CodecStatus.OK)
        {
            counters.increment(SystemCounter.FRAMES_MALFORMED);
            call.onFailure(event.correlationId(), ErrorCode.INVALID_ARGUMENT.code(), "malformed request envelope");
            return;
        }
        final long deadlineNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(envelope.timeoutMs());
        if (!pending.register(event.correlationId(), deadlineNs, call))
        {
            call.onFailure(event.correlationId(), ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
            return;
        }
        enqueue(event);
    }

    private void onEnvelope(final IngressEvent event)
    {
        if (envelope.wrap(event.buffer(), 0, event.length()) != CodecStatus.OK)
        {
            counters.increment(SystemCounter.FRAMES_MALFORMED);
            return;
        }
        if (envelope.direction() == Direction.RESPONSE_VALUE)
        {
            counters.increment(
                pending.onResponse(envelope) ? SystemCounter.RESPONSES : SystemCounter.RESPONSES_UNMATCHED);
        }
        else
        {
            enqueue(event);
        }
    }

    private void enqueue(final IngressEvent event)
    {
        final boolean isRequest = envelope.direction() == Direction.REQUEST_VALUE;
        final RouteEntry route = routes.find(
            envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(), event.targetIndex());
        if (route == null)
        {
            counters.increment(SystemCounter.UNKNOWN_ROUTES);
            answer(event, isRequest, ErrorCode.UNKNOWN_ROUTE, "no handler for this route");
            return;
        }
        record.putInt(CALLER_OFFSET, event.callerIndex());
        record.putInt(TARGET_OFFSET, route.actorIndex());
        record.putInt(PAYLOAD_TYPE_OFFSET, route.payloadType());
        record.putInt(ROUTE_INDEX_OFFSET, route.index());
        record.putLong(ARRIVAL_NS_OFFSET, clock.nanoTime());
        record.putBytes(HEADER_LENGTH, event.buffer(), 0, event.length());
        final MessagePriority priority = route.payloadType() == PayloadType.RPC_SIGNAL_VALUE ?
            MessagePriority.HIGH : MessagePriority.NORMAL;
        final long messageId = mailbox.enqueue(priority, record, 0, HEADER_LENGTH + event.length());
        if (messageId == Mailbox.FULL)
        {
            counters.increment(SystemCounter.MAILBOX_FULL);
            answer(event, isRequest, ErrorCode.UNAVAILABLE, "mailbox full");
            return;
        }
        if (messageId == Mailbox.TOO_LARGE)
        {
            counters.increment(SystemCounter.MESSAGES_TOO_LARGE);
            answer(event, isRequest, ErrorCode.INVALID_ARGUMENT, "message too large for the mailbox");
            return;
        }
        counters.increment(isRequest ? SystemCounter.REQUESTS : SystemCounter.TELLS);
    }

    private void answer(final IngressEvent event, final boolean isRequest, final ErrorCode code, final String message)
    {
        if (!isRequest)
        {
            return;
        }
        proxy.encodeError(envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(),
            envelope.buffer(), envelope.requestIdOffset(), envelope.requestIdLength(), code.code(), message);
        final int sent = proxy.sendEncoded(event.targetIndex(), event.callerIndex(), event.payloadType());
        if (sent != FrameSink.OK)
        {
            pending.fail(envelope.correlationId(), code.code(), message);
        }
    }

    private void onChunk(final IngressEvent event)
    {
        final int result = streams.offer(event.targetIndex(), event.buffer(), 0, event.length());
        switch (result)
        {
            case StreamRegistry.QUEUED:
                break;
            case StreamRegistry.QUEUED_DROPPED_OLDEST:
            case StreamRegistry.OUT_OF_ORDER:
            case StreamRegistry.FULL:
                counters.increment(SystemCounter.CHUNKS_DROPPED);
                break;
            case StreamRegistry.UNKNOWN_STREAM:
                counters.increment(SystemCounter.CHUNKS_UNKNOWN_STREAM);
                break;
            default:
                counters.increment(SystemCounter.FRAMES_MALFORMED);
                break;
        }
    }
}
