package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to one peer: its DataChannels, its handshake, its readiness, its keep-alive and its close. The
 * SDP and ICE side lives in {@link PeerNegotiation}.
 *
 * <p>States: {@code AWAITING_OFFER} (we asked the peer to offer) or {@code NEGOTIATING} (offer/answer, ICE, channels
 * opening) → {@code AUTHENTICATING} (all five channels open; the {@link PeerHandshake} runs) → {@code VERIFIED} (we
 * verified the peer and sent READY) → {@code READY} (the peer sent READY too, or a frame, which it may only send once
 * it is ready itself: reported {@code onConnected}) ⇄ {@code RECOVERING} (ICE restart; sends fail fast) →
 * {@code CLOSED}.
 *
 * <p>Threads: the control thread runs every transition but one; the callback thread delivers frames and may make
 * the VERIFIED → READY transition itself when the first frame arrives before the peer's READY; the engine thread
 * sends. The state is volatile; transitions that report to the ingress are synchronized.
 */
final class WebRtcConnection implements HandshakeTransport
{
    static final int AWAITING_OFFER = 0;
    static final int NEGOTIATING = 1;
    static final int AUTHENTICATING = 2;
    static final int VERIFIED = 3;
    static final int REPORTING = 4;
    static final int READY = 5;
    static final int RECOVERING = 6;
    static final int CLOSED = 7;

    private static final int MAX_EARLY_HANDSHAKE_MESSAGES = 16;

    final long connectionId;
    final ActrId peer;
    final WebRtcConductor conductor;
    final PeerNegotiation negotiation;
    boolean requested;

    private final WebRtcLaneCounters counters;
    private final DataChannelProxy[] proxies = new DataChannelProxy[ChannelIndex.COUNT];
    private final DataChannelAdapter[] adapters = new DataChannelAdapter[ChannelIndex.COUNT];
    private final IngressBacklog backlog;
    private final List<byte[]> earlyHandshake = new ArrayList<>();
    private final UnsafeBuffer controlView = new UnsafeBuffer(0, 0);
    private volatile int state;
    private volatile long lastReceivedNs;
    private volatile boolean protocolError;
    private int openMask;
    private boolean peerReady;
    private boolean reported;
    private PeerHandshake handshake;
    private ActrId verifiedPeer;
    private long connectDeadlineNs;
    private long nextPingNs;
    private long rttNs = -1;

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
        this.backlog = new IngressBacklog(conductor.context.maxIngressBacklogBytes());
        this.negotiation = new PeerNegotiation(this, offerer);
        this.state = offerer ? NEGOTIATING : AWAITING_OFFER;
        final long now = conductor.nanoTime();
        this.connectDeadlineNs = now + conductor.context.connectTimeoutNs();
        this.lastReceivedNs = now;
    }

    int state()
    {
        return state;
    }

    boolean isClosed()
    {
        return state == CLOSED;
    }

    long rttNs()
    {
        return rttNs;
    }

    DataChannelProxy proxy(final int index)
    {
        return proxies[index];
    }

    DataChannelAdapter adapter(final int index)
    {
        return adapters[index];
    }

    void markNegotiating()
    {
        if (state == AWAITING_OFFER)
        {
            state = NEGOTIATING;
        }
    }

    // ---- engine thread ----

    int send(final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final int current = state;
        if (current != READY && current != REPORTING)
        {
            return Lane.NOT_CONNECTED; // REPORTING: the engine may send from within onConnected
        }
        return proxies[payloadType].send(buffer, offset, length);
    }

    // ---- channels ----

    /**
     * A DataChannel of this connection exists (made here, or announced by the peer). Control thread.
     */
    void install(final int index, final RTCDataChannel channel, final boolean openNow)
    {
        if (state == CLOSED || proxies[index] != null)
        {
            conductor.dispose(channel);
            return;
        }
        final WebRtcLaneContext context = conductor.context;
        final DataChannelProxy proxy = new DataChannelProxy(
            channel, context.maxMessageLength(), context.highWatermarkBytes(), context.lowWatermarkBytes(), counters);
        final DataChannelAdapter adapter =
            new DataChannelAdapter(this, channel, index, conductor.reassembly, counters);
        proxies[index] = proxy;
        adapters[index] = adapter;
        channel.registerObserver(adapter);
        if (openNow || channel.getState() == RTCDataChannelState.OPEN)
        {
            onChannelOpen(index);
        }
    }

    /** Callback thread. */
    void onChannelState(final int index, final RTCDataChannelState channelState)
    {
        conductor.execute(() ->
        {
            if (state == CLOSED)
            {
                return;
            }
            if (channelState == RTCDataChannelState.OPEN)
            {
                onChannelOpen(index);
            }
            else if (channelState == RTCDataChannelState.CLOSING || channelState == RTCDataChannelState.CLOSED)
            {
                close(DisconnectReason.PEER_CLOSE);
            }
        });
    }

    private void onChannelOpen(final int index)
    {
        proxies[index].markOpen(true);
        openMask |= 1 << index;
        if (openMask == ChannelIndex.ALL_OPEN && state == NEGOTIATING)
        {
            beginHandshake();
        }
    }

    // ---- handshake and readiness ----

    private void beginHandshake()
    {
        state = AUTHENTICATING;
        handshake = conductor.context.authenticator().begin(peer, negotiation.offerer(), this);
        for (final byte[] message : earlyHandshake)
        {
            controlView.wrap(message);
            handshake.onMessage(controlView, ControlDescriptor.BODY_OFFSET, message.length - 1);
        }
        earlyHandshake.clear();
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_MESSAGE_LENGTH || state == CLOSED)
        {
            return false;
        }
        final UnsafeBuffer message = new UnsafeBuffer(new byte[length + 1]);
        message.putByte(ControlDescriptor.TYPE_OFFSET, ControlDescriptor.HANDSHAKE);
        message.putBytes(ControlDescriptor.BODY_OFFSET, buffer, offset, length);
        return proxies[ChannelIndex.CONTROL].sendRaw(message, 0, length + 1) == Lane.OK;
    }

    @Override
    public void verified(final ActrId verifiedPeer)
    {
        conductor.execute(() ->
        {
            if (state != AUTHENTICATING)
            {
                return;
            }
            this.verifiedPeer = verifiedPeer;
            state = VERIFIED;
            sendControl(ControlDescriptor.READY, 0);
            if (peerReady)
            {
                tryReady();
            }
        });
    }

    @Override
    public void fail(final String detail)
    {
        conductor.execute(() ->
        {
            conductor.log("authentication of " + peer.getSerialNumber() + " failed: " + detail);
            close(DisconnectReason.AUTH_FAILED);
        });
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
            conductor.ingress.onConnected(connectionId, verifiedPeer, conductor.lane);
            reported = true;
            counters.increment(WebRtcCounter.CONNECTIONS_READY);
            nextPingNs = conductor.nanoTime();
            state = READY;
        }
        return state == READY || state == RECOVERING;
    }

    synchronized boolean toRecovering()
    {
        if (state == READY)
        {
            state = RECOVERING;
            return true;
        }
        return state == RECOVERING;
    }

    synchronized void toReady()
    {
        if (state == RECOVERING)
        {
            lastReceivedNs = conductor.nanoTime();
            state = READY;
        }
    }

    // ---- inbound (callback thread) ----

    void onAnyMessage()
    {
        lastReceivedNs = conductor.nanoTime();
    }

    /**
     * @return whether a payload frame may be taken now; a frame before this side verified the peer is a protocol
     * error.
     */
    boolean admitsFrames(final int index)
    {
        if (protocolError)
        {
            return false;
        }
        final int current = state;
        if (current == READY || current == RECOVERING)
        {
            return true;
        }
        if (current == VERIFIED || current == REPORTING)
        {
            return tryReady(); // waits while the control thread reports the connection
        }
        if (current != CLOSED)
        {
            onProtocolError("frame on " + ChannelIndex.label(index) + " before the peer was verified");
        }
        return false;
    }

    void deliver(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        final int result = backlog.offer(conductor.ingress, connectionId, index, buffer, offset, length);
        if (result == IngressBacklog.PUBLISHED)
        {
            counters.increment(WebRtcCounter.FRAMES_RECEIVED);
        }
        else if (result == IngressBacklog.QUEUED)
        {
            counters.increment(WebRtcCounter.INGRESS_BACK_PRESSURED);
            conductor.scheduleDrain(this);
        }
        else if (result == IngressBacklog.FULL && index != ChannelIndex.STREAM_LATENCY_FIRST)
        {
            conductor.execute(() -> close(DisconnectReason.NETWORK_ERROR));
        }
        else
        {
            counters.increment(WebRtcCounter.INGRESS_DROPPED);
        }
    }

    /** Control thread. @return true when the backlog is empty. */
    boolean drainBacklog()
    {
        return state == CLOSED || backlog.drain(conductor.ingress, connectionId);
    }

    void onProtocolError(final String detail)
    {
        if (protocolError)
        {
            return;
        }
        protocolError = true;
        counters.increment(WebRtcCounter.PROTOCOL_ERRORS);
        conductor.execute(() ->
        {
            conductor.log("protocol error from " + peer.getSerialNumber() + ": " + detail);
            close(DisconnectReason.PROTOCOL_ERROR);
        });
    }

    void onControlMessage(final byte[] message)
    {
        conductor.execute(() -> handleControl(message));
    }

    // ---- control thread ----

    private void handleControl(final byte[] message)
    {
        if (state == CLOSED || message.length == 0)
        {
            return;
        }
        controlView.wrap(message);
        switch (message[ControlDescriptor.TYPE_OFFSET])
        {
            case ControlDescriptor.HANDSHAKE:
                if (handshake != null)
                {
                    handshake.onMessage(controlView, ControlDescriptor.BODY_OFFSET, message.length - 1);
                }
                else if (earlyHandshake.size() < MAX_EARLY_HANDSHAKE_MESSAGES)
                {
                    earlyHandshake.add(message);
                }
                else
                {
                    onProtocolError("too many handshake messages before the channels opened");
                }
                break;
            case ControlDescriptor.READY:
                peerReady = true;
                if (state == VERIFIED)
                {
                    tryReady();
                }
                break;
            case ControlDescriptor.PING:
                if (message.length == ControlDescriptor.PING_LENGTH)
                {
                    sendControl(ControlDescriptor.PONG, controlView.getLong(ControlDescriptor.BODY_OFFSET, ByteOrder.BIG_ENDIAN));
                }
                break;
            case ControlDescriptor.PONG:
                if (message.length == ControlDescriptor.PING_LENGTH)
                {
                    rttNs = conductor.nanoTime() - controlView.getLong(ControlDescriptor.BODY_OFFSET, ByteOrder.BIG_ENDIAN);
                }
                break;
            case ControlDescriptor.CLOSE:
                close(DisconnectReason.PEER_CLOSE);
                break;
            default:
                onProtocolError("unknown control message type " + message[0]);
        }
    }

    private void sendControl(final byte type, final long value)
    {
        final DataChannelProxy control = proxies[ChannelIndex.CONTROL];
        if (control == null)
        {
            return;
        }
        final boolean hasValue = type == ControlDescriptor.PING || type == ControlDescriptor.PONG;
        final UnsafeBuffer message = new UnsafeBuffer(new byte[hasValue ? ControlDescriptor.PING_LENGTH : 1]);
        message.putByte(ControlDescriptor.TYPE_OFFSET, type);
        if (hasValue)
        {
            message.putLong(ControlDescriptor.BODY_OFFSET, value, ByteOrder.BIG_ENDIAN);
        }
        control.sendRaw(message, 0, message.capacity());
    }

    void onTick(final long nowNs)
    {
        final int current = state;
        if (current == CLOSED)
        {
            return;
        }
        if (current < READY && nowNs - connectDeadlineNs >= 0)
        {
            close(current >= AUTHENTICATING ? DisconnectReason.AUTH_FAILED : DisconnectReason.NETWORK_ERROR);
            return;
        }
        if (current == RECOVERING)
        {
            negotiation.onRecoveryTick(nowNs);
            return;
        }
        if (current == READY)
        {
            if (nowNs - lastReceivedNs > conductor.context.keepaliveTimeoutNs())
            {
                counters.increment(WebRtcCounter.KEEPALIVE_TIMEOUTS);
                close(DisconnectReason.KEEPALIVE_TIMEOUT);
                return;
            }
            if (nowNs - nextPingNs >= 0)
            {
                sendControl(ControlDescriptor.PING, nowNs);
                nextPingNs = nowNs + conductor.context.keepaliveIntervalNs();
            }
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
            sendControl(ControlDescriptor.CLOSE, 0);
        }
        for (final DataChannelProxy proxy : proxies)
        {
            if (proxy != null)
            {
                conductor.closeQuietly(proxy);
            }
        }
        negotiation.close();
        if (handshake != null)
        {
            handshake.onClose();
        }
        backlog.clear();
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
