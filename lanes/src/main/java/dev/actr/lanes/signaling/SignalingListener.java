package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrRelay;

/**
 * What a {@link SignalingClient} tells its host, on the client's I/O thread: never block in these, hand work to
 * your own thread. Every method has an empty default.
 */
public interface SignalingListener
{
    /**
     * The node registered (first time, after a reconnect, or with a renewed credential).
     *
     * @param registration the current registration.
     */
    default void onRegistered(final SignalingRegistration registration)
    {
    }

    /**
     * A peer relayed WebRTC negotiation to this node (SDP, ICE candidate, ICE restart), or the server assigned
     * roles ({@code role_assignment}, whose {@code source} is the peer it concerns).
     *
     * @param relay the relay as received; {@code relay.getCredential()} is the sender's credential when it sent one.
     */
    default void onRelay(final ActrRelay relay)
    {
    }

    /**
     * The server refused a relay this node sent.
     *
     * @param relayId the id {@link SignalingClient#sendRelay} returned.
     * @param code    a {@link SignalingErrors} code.
     * @param message why.
     */
    default void onRelayRefused(final long relayId, final int code, final String message)
    {
    }

    /**
     * The connection to the server was lost; the client reconnects with backoff. The credential stays valid
     * until it expires.
     */
    default void onDisconnected()
    {
    }
}
