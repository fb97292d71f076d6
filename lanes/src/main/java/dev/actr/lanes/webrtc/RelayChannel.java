package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrRelay;

/**
 * How the lane reaches peers before a connection exists: the signaling client's relay of {@link ActrRelay}
 * messages (offers, answers, ICE candidates, role negotiation, ICE restart requests) between actors. The lane
 * fills {@code source}, {@code target} and the payload; the channel adds what the signaling service needs (the
 * credential) and delivers it to the target's node.
 */
public interface RelayChannel
{
    /**
     * Start delivering the relays addressed to this node. Called once, by {@link WebRtcLane#start}.
     *
     * @param handler receives every relay whose target is this node; called from the channel's own thread.
     */
    void open(RelayHandler handler);

    /**
     * Send a relay to its target. Never blocks: a relay that cannot be sent now is dropped (the lane's timeouts
     * cover a lost offer, answer or candidate).
     *
     * @param relay the relay, {@code source} and {@code target} set.
     * @return true when it was handed to the signaling connection, false when it was dropped.
     */
    boolean send(ActrRelay relay);
}
