package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The peer-session handshake of one connection, on the control channel: begun with the {@link PeerAuthenticator}
 * once every channel is open, fed the peer's handshake messages (those that arrive before it began are held, at
 * most {@value #MAX_EARLY_MESSAGES}), ended by the authenticator's verdict; then READY both ways. It is the lane's
 * side of the authenticator contract ({@link HandshakeTransport}).
 *
 * <p>Control thread, except the {@link HandshakeTransport} methods (any thread: they hand over).
 */
final class ConnectionHandshake implements HandshakeTransport
{
    static final int MAX_EARLY_MESSAGES = 16;

    private final WebRtcConnection connection;
    private final List<byte[]> early = new ArrayList<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private PeerHandshake handshake;
    private volatile ActrId verifiedPeer;
    private boolean peerReady;

    ConnectionHandshake(final WebRtcConnection connection)
    {
        this.connection = connection;
    }

    /** Every channel is open: the authenticator begins, and gets the messages that came early. */
    void begin()
    {
        handshake = connection.conductor.context.authenticator()
            .begin(connection.peer, connection.negotiation.offerer(), this);
        for (final byte[] message : early)
        {
            deliver(message);
        }
        early.clear();
    }

    /** A HANDSHAKE control message from the peer (type byte included). */
    void onMessage(final byte[] message)
    {
        if (handshake != null)
        {
            deliver(message);
        }
        else if (early.size() < MAX_EARLY_MESSAGES)
        {
            early.add(message);
        }
        else
        {
            connection.onProtocolError("too many handshake messages before the channels opened");
        }
    }

    private void deliver(final byte[] message)
    {
        view.wrap(message);
        handshake.onMessage(view, ControlDescriptor.BODY_OFFSET, message.length - ControlDescriptor.BODY_OFFSET);
    }

    /** The peer said READY: it verified this side. */
    void onPeerReady()
    {
        peerReady = true;
        if (connection.state() == WebRtcConnection.VERIFIED)
        {
            connection.tryReady();
        }
    }

    boolean peerReady()
    {
        return peerReady;
    }

    /**
     * @return the peer's proven id, once this side verified it.
     */
    ActrId verifiedPeer()
    {
        return verifiedPeer;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_MESSAGE_LENGTH || connection.isClosed())
        {
            return false;
        }
        final UnsafeBuffer message = new UnsafeBuffer(new byte[length + ControlDescriptor.BODY_OFFSET]);
        message.putByte(ControlDescriptor.TYPE_OFFSET, ControlDescriptor.HANDSHAKE);
        message.putBytes(ControlDescriptor.BODY_OFFSET, buffer, offset, length);
        return connection.channels.sendControl(message, 0, message.capacity()) == Lane.OK;
    }

    @Override
    public void verified(final ActrId peer)
    {
        connection.conductor.execute(() ->
        {
            if (connection.state() == WebRtcConnection.AUTHENTICATING)
            {
                verifiedPeer = peer;
                connection.onVerified();
            }
        });
    }

    @Override
    public void fail(final String detail)
    {
        connection.conductor.execute(() ->
        {
            connection.conductor.log("authentication of " + connection.peer.getSerialNumber() + " failed: " + detail);
            connection.close(DisconnectReason.AUTH_FAILED);
        });
    }

    /** The connection closed: release what the handshake holds. */
    void onClose()
    {
        if (handshake != null)
        {
            handshake.onClose();
        }
        early.clear();
    }
}
