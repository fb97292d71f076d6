package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrRelay;

/**
 * Receives the relays a {@link RelayChannel} delivers to this node. Must not block: the lane queues the work.
 */
@FunctionalInterface
public interface RelayHandler
{
    /**
     * @param relay a relay addressed to this node.
     */
    void onRelay(ActrRelay relay);
}
