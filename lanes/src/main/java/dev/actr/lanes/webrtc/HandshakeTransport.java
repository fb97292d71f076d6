package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import org.agrona.DirectBuffer;

/**
 * The lane's side of one connection's handshake (see {@link PeerAuthenticator}). Any thread.
 */
public interface HandshakeTransport
{
    /** Largest handshake message: one control-channel DataChannel message less its type byte. */
    int MAX_MESSAGE_LENGTH = 65_000;

    /**
     * Send a handshake message to the peer, in order, on the control channel.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message, at most {@link #MAX_MESSAGE_LENGTH}.
     * @return true when sent; false when the connection is closed or the message too long.
     */
    boolean send(DirectBuffer buffer, int offset, int length);

    /**
     * This side verified the peer. The connection becomes ready once the peer has verified this side too.
     *
     * @param verifiedPeer the peer's proven id (the connection is reported with it).
     */
    void verified(ActrId verifiedPeer);

    /**
     * The peer could not be verified: the connection closes with {@code AUTH_FAILED}.
     *
     * @param detail why, for the log.
     */
    void fail(String detail);
}
