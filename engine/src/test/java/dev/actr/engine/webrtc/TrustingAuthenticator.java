package dev.actr.engine.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.webrtc.HandshakeTransport;
import dev.actr.lanes.webrtc.PeerAuthenticator;
import dev.actr.lanes.webrtc.PeerHandshake;
import org.agrona.DirectBuffer;

/**
 * Test implementation of the peer-session hook: believes the id the relay claimed, at once, and exchanges no
 * handshake message (the shared peer-session authentication replaces it).
 */
public final class TrustingAuthenticator implements PeerAuthenticator
{
    /** The one instance: it holds no state. */
    public static final TrustingAuthenticator INSTANCE = new TrustingAuthenticator();

    private static final PeerHandshake NO_MESSAGES = new PeerHandshake()
    {
        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void onClose()
        {
        }
    };

    private TrustingAuthenticator()
    {
    }

    @Override
    public PeerHandshake begin(final ActrId claimedPeer, final boolean offerer, final HandshakeTransport transport)
    {
        transport.verified(claimedPeer);
        return NO_MESSAGES;
    }
}
