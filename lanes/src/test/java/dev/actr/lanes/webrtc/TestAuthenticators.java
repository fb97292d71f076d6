package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * Test implementations of the authentication hook (the peer session replaces them): one that believes the relay's
 * claim at once, one that holds its verdict until the test releases it.
 */
final class TestAuthenticators
{
    private TestAuthenticators()
    {
    }

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

    /** Verifies the claimed peer as soon as the channels are open; ignores handshake messages. */
    static final PeerAuthenticator TRUSTING = (claimedPeer, offerer, transport) ->
    {
        transport.verified(claimedPeer);
        return NO_MESSAGES;
    };

    /**
     * Holds the verdict: {@link #release()} verifies the peer, {@link #reject()} fails it; {@link #begun()} completes
     * when the lane begins the handshake.
     */
    static final class Gated implements PeerAuthenticator
    {
        private final CompletableFuture<HandshakeTransport> begun = new CompletableFuture<>();
        private volatile ActrId claimed;

        @Override
        public PeerHandshake begin(final ActrId claimedPeer, final boolean offerer, final HandshakeTransport transport)
        {
            claimed = claimedPeer;
            begun.complete(transport);
            return NO_MESSAGES;
        }

        CompletableFuture<HandshakeTransport> begun()
        {
            return begun;
        }

        void release()
        {
            begun.join().verified(claimed);
        }

        void reject()
        {
            begun.join().fail("rejected by the test");
        }
    }
}
