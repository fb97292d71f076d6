package dev.actr.engine.internal.router;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.peer.Peer;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.lanes.Lane;
import org.agrona.ExpandableArrayBuffer;

import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ARRIVAL_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.CALLER_KEY_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.DEADLINE_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.PAYLOAD_TYPE_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.RESERVED_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ROUTE_INDEX_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.TARGET_OFFSET;

/**
 * Puts a REQUEST or TELL into the mailbox: resolves its route (to the target actor, or by route key for a frame
 * of a peer), writes the mailbox record (caller key, arrival, deadline — by the caller's clock where the caller is
 * local — target, payload type and route, then the envelope) and picks the priority from the route's payload type.
 * What cannot be queued — an unknown route, a full mailbox, a message too large to store — is answered at once.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class MailboxIntake
{
    private final RouteTable routes;
    private final Mailbox mailbox;
    private final PendingCalls pending;
    private final PeerTable peers;
    private final EgressProxy egress;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(1024);

    /**
     * @param routes   every route of the node.
     * @param mailbox  for requests and tells.
     * @param pending  calls of the host waiting (failed when their error answer cannot be sent).
     * @param peers    the peer table (callers of other nodes).
     * @param egress   to answer at once what cannot be queued.
     * @param counters system counters.
     * @param clock    the engine clock.
     */
    public MailboxIntake(
        final RouteTable routes,
        final Mailbox mailbox,
        final PendingCalls pending,
        final PeerTable peers,
        final EgressProxy egress,
        final SystemCounters counters,
        final EngineClock clock)
    {
        this.routes = routes;
        this.mailbox = mailbox;
        this.pending = pending;
        this.peers = peers;
        this.egress = egress;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @param event    the frame.
     * @param envelope wrapping its REQUEST or TELL envelope.
     * @param source   index of the sender (local, or a peer's).
     */
    public void enqueue(final IngressEvent event, final RpcEnvelopeFlyweight envelope, final int source)
    {
        final boolean isRequest = envelope.direction() == Direction.REQUEST_VALUE;
        final RouteEntry route = routes.find(
            envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(), event.targetIndex());
        if (route == null)
        {
            counters.increment(SystemCounter.UNKNOWN_ROUTES);
            answer(event, envelope, source, isRequest, ErrorCode.UNKNOWN_ROUTE, "no handler for this route");
            return;
        }
        final long nowNs = clock.nanoTime();
        record.putLong(CALLER_KEY_OFFSET, callerKey(source));
        record.putLong(ARRIVAL_NS_OFFSET, nowNs);
        record.putLong(DEADLINE_NS_OFFSET, !isRequest ? Deadlines.NEVER :
            event.deadlineNs() != 0 ? event.deadlineNs() : Deadlines.afterMs(nowNs, envelope.timeoutMs()));
        record.putInt(TARGET_OFFSET, route.actorIndex());
        record.putInt(PAYLOAD_TYPE_OFFSET, route.payloadType());
        record.putInt(ROUTE_INDEX_OFFSET, route.index());
        record.putInt(RESERVED_OFFSET, 0);
        record.putBytes(HEADER_LENGTH, event.buffer(), 0, event.length());
        final MessagePriority priority = route.payloadType() == PayloadType.RPC_SIGNAL_VALUE ?
            MessagePriority.HIGH : MessagePriority.NORMAL;
        final long messageId = mailbox.enqueue(priority, record, 0, HEADER_LENGTH + event.length());
        if (messageId == Mailbox.FULL)
        {
            counters.increment(SystemCounter.MAILBOX_FULL);
            answer(event, envelope, source, isRequest, ErrorCode.UNAVAILABLE, "mailbox full");
        }
        else if (messageId == Mailbox.TOO_LARGE)
        {
            counters.increment(SystemCounter.MESSAGES_TOO_LARGE);
            answer(event, envelope, source, isRequest, ErrorCode.INVALID_ARGUMENT, "message too large for the mailbox");
        }
        else
        {
            counters.increment(isRequest ? SystemCounter.REQUESTS : SystemCounter.TELLS);
        }
    }

    private long callerKey(final int source)
    {
        if (!PeerTable.isPeer(source))
        {
            return source;
        }
        final Peer peer = peers.byIndex(source);
        return peer.key();
    }

    /**
     * Answer a request at once, as its target: the caller's pending call waits for a reply from the target.
     */
    private void answer(
        final IngressEvent event,
        final RpcEnvelopeFlyweight envelope,
        final int source,
        final boolean isRequest,
        final ErrorCode code,
        final String message)
    {
        if (!isRequest)
        {
            return;
        }
        final int length = egress.writer().encodeError(envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(),
            envelope.buffer(), envelope.requestIdOffset(), envelope.requestIdLength(), code.code(), message);
        final int sent = egress.send(Math.max(0, event.targetIndex()), source, event.payloadType(), egress.writer().frame(), length);
        if (sent != Lane.OK && !PeerTable.isPeer(source))
        {
            pending.fail(envelope.correlationId(), code.code(), message);
        }
    }
}
