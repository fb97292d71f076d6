package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;

/**
 * Where the peer session's authentication plugs into the lane. Once a connection's channels are open the lane
 * calls {@link #begin}; the returned handshake exchanges messages with the peer over the control channel and ends
 * with {@link HandshakeTransport#verified} or {@link HandshakeTransport#fail}. Until it is verified on this side
 * and the peer has said the same, the connection is not reported to the engine, sends to it fail with
 * {@code NOT_CONNECTED}, and a frame from the peer is a protocol error.
 *
 * <p>Called on the lane's control thread; must not block.
 */
@FunctionalInterface
public interface PeerAuthenticator
{
    /**
     * @param claimedPeer the peer the relay named: not yet proven.
     * @param offerer     whether this side made the offer (the handshake's initiator, if it needs one).
     * @param transport   sends handshake messages to the peer and takes the verdict; valid until the connection
     *                    closes.
     * @return the handshake of this connection: receives the peer's handshake messages.
     */
    PeerHandshake begin(ActrId claimedPeer, boolean offerer, HandshakeTransport transport);
}
