package dev.actr.engine.internal.scheduler;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.engine.actor.StreamHandler;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.stream.StreamRegistry;
import org.agrona.DirectBuffer;

/**
 * Feeds recorded inputs straight to the scheduler's parts, in the recorded order and at the recorded engine time
 * (the replay's clock is set by the caller before each input): mailbox messages, responses, timeouts, chunks, the
 * start of a run and peer connection events. Each returns false when the replayed actors have nothing waiting for
 * the input — a divergence.
 *
 * <p>NOT thread safe: the replaying thread only.
 */
public final class ReplayDriver
{
    /** Message id given to replayed messages: acking it touches no mailbox message. */
    private static final long REPLAY_MESSAGE_ID = -2;

    private final Dispatcher dispatcher;
    private final PendingCalls pending;
    private final StreamRegistry streams;
    private final ChunkDelivery chunks;
    private final PeerLifecycle peers;
    private final Discoveries discoveries;
    private final EngineSequence sequence;
    private final EngineClock clock;
    private final ActorDirectory directory;
    private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();

    ReplayDriver(
        final Dispatcher dispatcher,
        final PendingCalls pending,
        final StreamRegistry streams,
        final ChunkDelivery chunks,
        final PeerLifecycle peers,
        final Discoveries discoveries,
        final EngineSequence sequence,
        final EngineClock clock,
        final ActorDirectory directory)
    {
        this.dispatcher = dispatcher;
        this.pending = pending;
        this.streams = streams;
        this.chunks = chunks;
        this.peers = peers;
        this.discoveries = discoveries;
        this.sequence = sequence;
        this.clock = clock;
        this.directory = directory;
    }

    /**
     * @param record holding a mailbox record (header and envelope).
     * @param offset of the record.
     * @param length of the record.
     */
    public void message(final DirectBuffer record, final int offset, final int length)
    {
        clock.update();
        dispatcher.onMessage(REPLAY_MESSAGE_ID, record, offset, length);
    }

    /**
     * @param buffer holding a RESPONSE envelope.
     * @param offset of the envelope.
     * @param length of the envelope.
     * @return false when the replayed actors made no such call.
     */
    public boolean response(final DirectBuffer buffer, final int offset, final int length)
    {
        clock.update();
        return envelope.wrap(buffer, offset, length) == CodecStatus.OK && pending.completeAnySource(envelope);
    }

    /**
     * @param correlationId of the call or deferred reply whose deadline passed.
     * @return false when nothing such waits.
     */
    public boolean timeout(final long correlationId)
    {
        clock.update();
        return pending.fail(correlationId, ErrorCode.TIMED_OUT.code(), "deadline passed");
    }

    /**
     * @param actorIndex receiving actor.
     * @param encoded    the chunk as recorded.
     * @param chunk      the chunk, decoded.
     * @return false when the actor has no such stream.
     */
    public boolean chunk(final int actorIndex, final DirectBuffer encoded, final DataChunk chunk)
    {
        clock.update();
        final StreamHandler handler = actorIndex >= 0 && actorIndex < directory.count() ?
            streams.handlerOf(actorIndex, chunk.getStreamId()) : null;
        if (handler == null)
        {
            return false;
        }
        // Live, the chunk's arrival in its stream gives back the credit a local sender took (StreamRegistry.offer);
        // a replayed chunk skips the stream, so give it back here, or the replayed sender runs out of credits.
        streams.release(actorIndex, chunk.getStreamId());
        chunks.onChunk(actorIndex, handler, chunk, encoded, encoded.capacity());
        return true;
    }

    /**
     * @param base the correlation base the recorded run started from.
     */
    public void start(final long base)
    {
        sequence.base(base);
    }

    /**
     * @param peer              the recorded peer id.
     * @param connectionId      its recorded connection.
     * @param recordedPeerIndex the index it was given in the recorded run.
     * @return false when the replay gives it another index (a divergence).
     */
    public boolean peerConnected(final ActrId peer, final long connectionId, final int recordedPeerIndex)
    {
        clock.update();
        return peers.replayConnected(peer, connectionId) == recordedPeerIndex;
    }

    /**
     * @param peerIndex the peer.
     * @param reason    the recorded reason.
     * @return false when the peer is not connected in the replay.
     */
    public boolean peerDisconnected(final int peerIndex, final int reason)
    {
        clock.update();
        return peers.replayDisconnected(peerIndex, reason);
    }

    /**
     * @param correlationId the discovery's.
     * @param found         the recorded outcome, null for a recorded failure.
     * @return false when no such discovery waits.
     */
    public boolean discovered(final long correlationId, final RouteCandidatesOk found)
    {
        clock.update();
        return discoveries.replay(correlationId, found);
    }
}
