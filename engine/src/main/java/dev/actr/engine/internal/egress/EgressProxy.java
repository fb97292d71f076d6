package dev.actr.engine.internal.egress;

import com.google.protobuf.MessageLite;
import dev.actr.codec.FrameKind;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.ingress.LocalFrames;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;


/**
 * Egress: encodes what actors send — calls, tells, replies, chunks — and sends it where its target is: a local
 * target (the host or an actor of this node) through the engine's {@link LocalFrames}, a peer of another node on
 * its current connection ({@link PeerTable#send}). Every frame sent is journalled as outbound. Results are
 * {@link Lane} codes; nothing here throws for flow control.
 *
 * <p>Replies are encoded first by the {@link #writer()}, committed by the caller, then sent with {@link #reply};
 * under a GROUP fsync policy they are held until the group's commits are forced ({@link #holdReplies}).
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class EgressProxy
{
    private final LocalFrames local;
    private final PeerTable peers;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final boolean deliver;
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final HeldReplies held = new HeldReplies();
    private boolean holdReplies;

    /**
     * @param local    frames for local targets.
     * @param peers    the peer table, for targets on other nodes.
     * @param clock    the engine clock.
     * @param recorder told of every frame sent.
     * @param deliver  false to only journal what is sent (a replay compares it and sends nothing).
     */
    public EgressProxy(
        final LocalFrames local,
        final PeerTable peers,
        final EngineClock clock,
        final JournalRecorder recorder,
        final boolean deliver)
    {
        this.local = local;
        this.peers = peers;
        this.clock = clock;
        this.recorder = recorder;
        this.deliver = deliver;
    }

    /**
     * Send a REQUEST (timeout > 0) or a TELL (timeout 0).
     *
     * @param senderIndex   the calling actor.
     * @param targetIndex   a local actor or a peer.
     * @param payloadType   PayloadType number.
     * @param routeKey      UTF-8 route key bytes (the whole buffer).
     * @param correlationId the request id.
     * @param timeoutMs     budget on the wire, > 0 for a request, 0 for a tell.
     * @param deadlineNs    the call's deadline by the engine clock (local targets use it as is), 0 for a tell.
     * @param message       the request or tell message.
     * @return a {@link Lane} result code.
     */
    public int request(
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer routeKey,
        final long correlationId,
        final long timeoutMs,
        final long deadlineNs,
        final MessageLite message)
    {
        final int length = writer.request(routeKey, correlationId, timeoutMs, message);
        return send(FrameKind.ENVELOPE, senderIndex, targetIndex, payloadType, correlationId, deadlineNs,
            writer.frame(), 0, length);
    }

    /**
     * @return the encoder of replies (its frame is then committed and sent with {@link #reply}).
     */
    public EnvelopeWriter writer()
    {
        return writer;
    }

    /**
     * Send a committed reply (or one kept for a duplicate), or hold it until the group's commits are forced.
     *
     * @param senderIndex the answering actor.
     * @param targetIndex the caller: a local index or a peer's.
     * @param payloadType PayloadType number of the request.
     * @param buffer      holding the encoded RESPONSE from offset 0.
     * @param length      of the frame.
     * @return a {@link Lane} result code ({@link Lane#OK} when held).
     */
    public int reply(
        final int senderIndex, final int targetIndex, final int payloadType, final DirectBuffer buffer, final int length)
    {
        if (holdReplies)
        {
            recorder.onOutbound(clock.nanoTime(), FrameKind.ENVELOPE, senderIndex, targetIndex, payloadType, buffer, 0,
                length);
            held.hold(senderIndex, targetIndex, payloadType, buffer, length);
            return Lane.OK;
        }
        return send(senderIndex, targetIndex, payloadType, buffer, length);
    }

    /**
     * Send an encoded envelope now (an error answered at once by the router, a released reply).
     *
     * @param senderIndex sender.
     * @param targetIndex a local index or a peer's.
     * @param payloadType PayloadType number.
     * @param buffer      holding the envelope from offset 0.
     * @param length      of the envelope.
     * @return a {@link Lane} result code.
     */
    public int send(
        final int senderIndex, final int targetIndex, final int payloadType, final DirectBuffer buffer, final int length)
    {
        return send(FrameKind.ENVELOPE, senderIndex, targetIndex, payloadType, 0, 0, buffer, 0, length);
    }

    /**
     * Send a host frame, encoded by the host, to a peer of another node.
     *
     * @param senderIndex the host.
     * @param peerIndex   the peer.
     * @param payloadType PayloadType number.
     * @param buffer      holding the envelope.
     * @param offset      of the envelope.
     * @param length      of the envelope.
     * @return a {@link Lane} result code.
     */
    public int forward(
        final int senderIndex,
        final int peerIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return send(FrameKind.ENVELOPE, senderIndex, peerIndex, payloadType, 0, 0, buffer, offset, length);
    }

    /**
     * Send a data chunk.
     *
     * @param senderIndex sending actor.
     * @param targetIndex a local actor or a peer.
     * @param payloadType STREAM_RELIABLE or STREAM_LATENCY_FIRST.
     * @param chunk       the chunk message.
     * @return a {@link Lane} result code.
     */
    public int chunk(final int senderIndex, final int targetIndex, final int payloadType, final MessageLite chunk)
    {
        final int length = writer.chunk(chunk);
        return send(FrameKind.CHUNK, senderIndex, targetIndex, payloadType, 0, 0, writer.payload(), 0, length);
    }

    /**
     * Hold committed replies until {@link #releaseHeld()}: a group commit releases them once their commit records
     * are forced to disk. They are journalled when held, in the dispatch that produced them.
     *
     * @param holdReplies true to hold.
     */
    public void holdReplies(final boolean holdReplies)
    {
        this.holdReplies = holdReplies;
    }

    /**
     * @return bytes of replies held.
     */
    public int heldBytes()
    {
        return held.bytes();
    }

    /**
     * Send every held reply, in the order held.
     *
     * @return how many could not be sent.
     */
    public int releaseHeld()
    {
        return held.release(this);
    }

    int sendHeld(final int senderIndex, final int targetIndex, final int payloadType, final DirectBuffer buffer,
        final int offset, final int length)
    {
        return dispatch(FrameKind.ENVELOPE, senderIndex, targetIndex, payloadType, 0, 0, buffer, offset, length);
    }

    private int send(
        final int kind,
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final long correlationId,
        final long deadlineNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        recorder.onOutbound(clock.nanoTime(), kind, senderIndex, targetIndex, payloadType, buffer, offset, length);
        return dispatch(kind, senderIndex, targetIndex, payloadType, correlationId, deadlineNs, buffer, offset, length);
    }

    private int dispatch(
        final int kind,
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final long correlationId,
        final long deadlineNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (!deliver)
        {
            return Lane.OK;
        }
        if (PeerTable.isPeer(targetIndex))
        {
            return peers.send(targetIndex, payloadType, buffer, offset, length);
        }
        return local.offer(kind, senderIndex, targetIndex, payloadType, correlationId, deadlineNs, buffer, offset,
            length);
    }

}
