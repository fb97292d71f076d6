package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;

/**
 * One connection to one peer: its state, its readiness and its close. Its parts, by role: the DataChannels
 * ({@link ConnectionChannels}), the SDP and ICE side ({@link PeerNegotiation}), the recovery of a broken transport
 * ({@link IceRecovery}), the peer-session handshake ({@link ConnectionHandshake}), the control channel with its
 * keep-alive ({@link ConnectionControl}) and the way in ({@link InboundFrames}).
 *
 * <p>States: {@code AWAITING_OFFER} (we asked the peer to offer) or {@code NEGOTIATING} (offer/answer, ICE, channels
 * opening) → {@code AUTHENTICATING} (all five channels open; the {@link PeerHandshake} runs) → {@code VERIFIED} (we
 * verified the peer and sent READY) → {@code READY} (the peer sent READY too, or a frame, which it may only send once
 * it is ready itself: reported {@code onConnected}) ⇄ {@code RECOVERING} (the transport broke or the peer fell
 * silent: ICE restarts within a bounded budget; sends fail fast) → {@code CLOSED}.
 *
 * <p>Threads: the control thread runs every transition but one; the callback thread delivers frames and may make
 * the VERIFIED → READY transition itself when the first frame arrives before the peer's READY; the engine thread
 * sends. The state is volatile; transitions that report to the ingress are synchronized.
 */
final class WebRtcConnection
{
    static final int AWAITING_OFFER = 0;
    static final int NEGOTIATING = 1;
    static final int AUTHENTICATING = 2;
    static final int VERIFIED = 3;
    static final int REPORTING = 4;
    static final int READY = 5;
    static final int RECOVERING = 6;
    static final int CLOSED = 7;

    final long connectionId;
    final ActrId peer;
    final WebRtcConductor conductor;
    final WebRtcLaneCounters counters;
    final ConnectionChannels channels;
    final ConnectionControl control;
    final ConnectionHandshake handshake;
    final InboundFrames inbound;
    final PeerNegotiation negotiation;
    final IceRecovery recovery;
    boolean requested;

    private final long connectDeadlineNs;
    private volatile int state;
    private boolean reported;

    WebRtcConnection(
        final WebRtcConductor conductor,
        final long connectionId,
        final ActrId peer,
        final boolean offerer,
        final boolean requested)
    {
        this.conductor = conductor;
        this.connectionId = connectionId;
        this.peer = peer;
        this.requested = requested;
        this.counters = conductor.counters;
        this.channels = new ConnectionChannels(this);
        this.control = new ConnectionControl(this);
        this.handshake = new ConnectionHandshake(this);
        this.inbound = new InboundFrames(this);
        this.negotiation = new PeerNegotiation(this, offerer);
        this.recovery = new IceRecovery(this);
        this.state = offerer ? NEGOTIATING : AWAITING_OFFER;
        this.connectDeadlineNs = conductor.nanoTime() + conductor.context.connectTimeoutNs();
    }

    int state()
    {
        return state;
    }

    boolean isClosed()
    {
        return state == CLOSED;
    }

    void markNegotiating()
    {
        if (state == AWAITING_OFFER)
        {
            state = NEGOTIATING;
        }
    }

    /**
     * Send one frame. Engine thread.
     *
     * @return a {@link Lane} result code: {@link Lane#NOT_CONNECTED} unless ready (recovering included).
     */
    int send(final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final int current = state;
        if (current != READY && current != REPORTING)
        {
            return Lane.NOT_CONNECTED; // REPORTING: the engine may send from within onConnected
        }
        return channels.proxy(payloadType).send(buffer, offset, length);
    }

    // ---- transitions (control thread unless said otherwise) ----

    /** Every channel is open: the handshake begins. */
    void onChannelsOpen()
    {
        if (state == NEGOTIATING)
        {
            state = AUTHENTICATING;
            handshake.begin();
        }
    }

    /** This side verified the peer: say READY, and become ready if the peer already did. */
    void onVerified()
    {
        if (state != AUTHENTICATING)
        {
            return;
        }
        state = VERIFIED;
        control.send(ControlDescriptor.READY);
        if (handshake.peerReady())
        {
            tryReady();
        }
    }

    /**
     * VERIFIED → READY: report the connection. Control thread, or the callback thread on a first frame.
     *
     * @return true when the connection is ready (or recovering).
     */
    synchronized boolean tryReady()
    {
        if (state == VERIFIED)
        {
            state = REPORTING;
            conductor.onReady(this);
            conductor.ingress.onConnected(connectionId, handshake.verifiedPeer(), conductor.lane);
            reported = true;
            counters.increment(WebRtcCounter.CONNECTIONS_READY);
            control.startPings(conductor.nanoTime());
            state = READY;
        }
        return state == READY || state == RECOVERING;
    }

    /** @return true when READY became RECOVERING. */
    synchronized boolean toRecovering()
    {
        if (state == READY)
        {
            state = RECOVERING;
            return true;
        }
        return false;
    }

    synchronized void toReady()
    {
        if (state == RECOVERING)
        {
            state = READY;
        }
    }

    void onTick(final long nowNs)
    {
        final int current = state;
        if (current == CLOSED)
        {
            return;
        }
        if (current < READY)
        {
            if (nowNs - connectDeadlineNs >= 0)
            {
                close(current >= AUTHENTICATING ? DisconnectReason.AUTH_FAILED : DisconnectReason.NETWORK_ERROR);
            }
            return;
        }
        if (current == READY && control.silentNs(nowNs) > conductor.context.keepaliveTimeoutNs())
        {
            counters.increment(WebRtcCounter.KEEPALIVE_TIMEOUTS);
            if (!recovery.onSilence(nowNs))
            {
                conductor.log("peer " + peer.getSerialNumber() + " silent for " + control.silentNs(nowNs) / 1_000_000 +
                    " ms: connection " + connectionId + " closed");
                close(DisconnectReason.KEEPALIVE_TIMEOUT);
                return;
            }
        }
        control.onTick(nowNs);
        if (state == RECOVERING)
        {
            recovery.onTick(nowNs);
        }
    }

    /**
     * A protocol error by the peer: the connection closes. Any thread.
     *
     * @param detail for the log.
     */
    void onProtocolError(final String detail)
    {
        if (inbound.markProtocolError())
        {
            counters.increment(WebRtcCounter.PROTOCOL_ERRORS);
            conductor.execute(() ->
            {
                conductor.log("protocol error from " + peer.getSerialNumber() + ": " + detail);
                close(DisconnectReason.PROTOCOL_ERROR);
            });
        }
    }

    /**
     * Close the connection: tell the peer (best effort), release every native object, and report it — disconnected
     * if it was reported ready, connect-failed if this node asked for it. Control thread. Idempotent.
     */
    void close(final int reason)
    {
        final int previous;
        synchronized (this)
        {
            previous = state;
            if (previous == CLOSED)
            {
                return;
            }
            state = CLOSED;
        }
        if (previous >= AUTHENTICATING && reason == DisconnectReason.LOCAL_CLOSE)
        {
            control.send(ControlDescriptor.CLOSE);
        }
        channels.closeAll();
        negotiation.close();
        handshake.onClose();
        inbound.clear();
        conductor.onClosed(this);
        if (reported)
        {
            conductor.ingress.onDisconnected(connectionId, reason);
        }
        else if (requested)
        {
            conductor.ingress.onConnectFailed(peer, reason);
        }
    }

    @Override
    public String toString()
    {
        return "WebRtcConnection{id=" + connectionId + ", peer=" + peer.getSerialNumber() + ", state=" + state +
            ", offerer=" + negotiation.offerer() + '}';
    }
}
