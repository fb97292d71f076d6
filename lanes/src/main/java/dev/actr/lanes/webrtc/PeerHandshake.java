package dev.actr.lanes.webrtc;

import org.agrona.DirectBuffer;

/**
 * One connection's authentication handshake, as begun by {@link PeerAuthenticator#begin}. Called on the lane's
 * control thread; must not block.
 */
public interface PeerHandshake
{
    /**
     * A handshake message from the peer. The buffer is valid during the call only.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);

    /**
     * The connection closed (before or after the verdict); release what the handshake holds.
     */
    void onClose();
}
