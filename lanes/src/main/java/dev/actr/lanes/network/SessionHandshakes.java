package dev.actr.lanes.network;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.session.PeerSession;
import dev.actr.lanes.session.SigningKeyResolver;
import dev.actr.lanes.webrtc.HandshakeTransport;
import dev.actr.lanes.webrtc.PeerHandshake;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The WebRTC lane's authentication hook implemented with the one peer session every lane shares
 * ({@link PeerSession}: credentials signed by the signaling service, nonces signed by the node keys they bind). The
 * offerer initiates; a responder's verified peer must be the peer the relay named.
 */
final class SessionHandshakes implements dev.actr.lanes.webrtc.PeerAuthenticator
{
    private final PeerAuthenticator authenticator;
    private final SigningKeyResolver keys;

    SessionHandshakes(final PeerAuthenticator authenticator, final SigningKeyResolver keys)
    {
        this.authenticator = authenticator;
        this.keys = keys;
    }

    @Override
    public PeerHandshake begin(final ActrId claimedPeer, final boolean offerer, final HandshakeTransport transport)
    {
        final Handshake handshake = new Handshake(
            offerer ? authenticator.initiator(claimedPeer) : authenticator.responder(), claimedPeer, transport, keys);
        if (offerer)
        {
            handshake.start();
        }
        return handshake;
    }

    /** One connection's handshake; steps are serialised (the lane's thread, or a signing-key fetch's callback). */
    private static final class Handshake implements PeerHandshake
    {
        private final PeerSession session;
        private final ActrId claimedPeer;
        private final HandshakeTransport transport;
        private final SigningKeyResolver keys;
        private boolean over;

        Handshake(final PeerSession session, final ActrId claimedPeer, final HandshakeTransport transport,
            final SigningKeyResolver keys)
        {
            this.session = session;
            this.claimedPeer = claimedPeer;
            this.transport = transport;
            this.keys = keys;
        }

        synchronized void start()
        {
            step(session.start());
        }

        @Override
        public synchronized void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!over)
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                step(session.onMessage(bytes));
            }
        }

        @Override
        public synchronized void onClose()
        {
            over = true;
            session.onClosed();
        }

        private synchronized void retry()
        {
            if (!over)
            {
                step(session.retry());
            }
        }

        private void step(final int result)
        {
            final byte[] output = session.takeOutput();
            if (output != null)
            {
                transport.send(new UnsafeBuffer(output), 0, output.length);
            }
            switch (result)
            {
                case PeerSession.READY:
                    ready();
                    break;
                case PeerSession.REJECTED:
                case PeerSession.PEER_REJECTED:
                    over = true;
                    transport.fail(session.rejectionMessage());
                    break;
                case PeerSession.AWAIT_SIGNING_KEY:
                    keys.fetchSigningKey(session.missingKeyId()).whenComplete((ignored, error) -> retry());
                    break;
                default:
                    break;
            }
        }

        private void ready()
        {
            over = true;
            final ActrId verified = session.peer().id();
            if (verified.getSerialNumber() != claimedPeer.getSerialNumber() ||
                verified.getRealm().getRealmId() != claimedPeer.getRealm().getRealmId())
            {
                transport.fail("the peer proved to be " + verified.getSerialNumber() + ", not the peer the relay named");
                return;
            }
            transport.verified(verified);
        }
    }
}
