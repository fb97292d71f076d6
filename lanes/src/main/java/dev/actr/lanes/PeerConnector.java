package dev.actr.lanes;

import dev.actr.codec.proto.ActrId;

/**
 * Makes connections to peers on demand: the engine asks for one when an actor or the host sends to a peer that has
 * none, and holds what was sent (bounded) until the connection is reported through the node's
 * {@link LaneIngress} ({@code onConnected}, or {@code onConnectFailed}). Implementations pick the lane — for
 * example WebSocket when discovery knows the peer's address, WebRTC otherwise — and never block the caller.
 */
@FunctionalInterface
public interface PeerConnector
{
    /**
     * Start connecting to a peer; asynchronous. The outcome reaches the node's ingress.
     *
     * @param peer the peer's id.
     */
    void connect(ActrId peer);

    /**
     * A connector for a node with one lane: it asks that lane.
     *
     * @param lane the lane.
     * @return a connector.
     */
    static PeerConnector of(final Lane lane)
    {
        return lane::connect;
    }
}
