package dev.actr.engine.internal.scheduler;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.peer.Peer;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.router.ConnectionEvents;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Connection events on the engine thread: a ready connection binds its peer in the peer table (a new peer gets its
 * caller index) and the actors' {@code onPeerConnected} run; when a peer's current connection closes, every call
 * waiting for that peer fails at once with {@code ConnectionNotReady} and {@code onPeerDisconnected} run. Both are
 * recorded as dispatch inputs so that a replay rebuilds the same peer table.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class PeerLifecycle implements ConnectionEvents
{
    private final PeerTable peers;
    private final PendingCalls pending;
    private final ActorLifecycle lifecycle;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;

    PeerLifecycle(
        final PeerTable peers,
        final PendingCalls pending,
        final ActorLifecycle lifecycle,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.peers = peers;
        this.pending = pending;
        this.lifecycle = lifecycle;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public void onConnected(final long connectionId, final ActrId id, final Lane lane)
    {
        final Peer peer = peers.onConnected(connectionId, id, lane);
        if (peer == null)
        {
            counters.increment(SystemCounter.PEERS_REFUSED);
            lane.disconnect(connectionId);
            return;
        }
        counters.increment(SystemCounter.PEERS_CONNECTED);
        if (peers.flushParked(peer) > 0)
        {
            counters.increment(SystemCounter.SENDS_REFUSED);
        }
        final byte[] idBytes = id.toByteArray();
        recorder.onDispatch(clock.nanoTime(), DispatchInput.PEER_CONNECTED, -1, peer.index(), connectionId,
            new UnsafeBuffer(idBytes), 0, idBytes.length);
        try
        {
            lifecycle.peerConnected(id);
        }
        finally
        {
            recorder.onDispatchEnd();
        }
    }

    @Override
    public void onDisconnected(final long connectionId, final int reason)
    {
        final Peer peer = peers.onDisconnected(connectionId);
        if (peer == null)
        {
            return;
        }
        counters.increment(SystemCounter.PEERS_DISCONNECTED);
        recorder.onDispatch(clock.nanoTime(), DispatchInput.PEER_DISCONNECTED, -1, peer.index(), reason, null, 0, 0);
        try
        {
            pending.failAllFrom(peer.index(), ErrorCode.CONNECTION_NOT_READY.code(),
                "peer disconnected (" + DisconnectReason.name(reason) + ")");
            lifecycle.peerDisconnected(peer.id(), reason);
        }
        finally
        {
            recorder.onDispatchEnd();
        }
    }

    @Override
    public void onConnectFailed(final ActrId id, final int reason)
    {
        counters.increment(SystemCounter.PEER_CONNECTS_FAILED);
        final Peer peer = peers.onConnectFailed(id);
        if (peer != null)
        {
            pending.failAllFrom(peer.index(), ErrorCode.CONNECTION_NOT_READY.code(),
                "could not connect to the peer (" + DisconnectReason.name(reason) + ")");
        }
    }

    /**
     * Replay: a recorded peer connection (no lane: nothing is sent in a replay).
     *
     * @param id           the peer's id.
     * @param connectionId the connection it came on in the recorded run.
     * @return the index the peer was given.
     */
    int replayConnected(final ActrId id, final long connectionId)
    {
        final Peer peer = peers.onConnected(connectionId, id, null);
        lifecycle.peerConnected(id);
        return peer == null ? -1 : peer.index();
    }

    /**
     * Replay: a recorded disconnect of a peer.
     *
     * @param peerIndex the peer's index.
     * @param reason    the recorded reason.
     * @return false when no such peer is connected in the replay (a divergence).
     */
    boolean replayDisconnected(final int peerIndex, final int reason)
    {
        final Peer peer = peers.byIndex(peerIndex);
        if (peer == null || !peer.connected())
        {
            return false;
        }
        peers.onDisconnected(peer.connectionId());
        pending.failAllFrom(peerIndex, ErrorCode.CONNECTION_NOT_READY.code(),
            "peer disconnected (" + DisconnectReason.name(reason) + ")");
        lifecycle.peerDisconnected(peer.id(), reason);
        return true;
    }
}
