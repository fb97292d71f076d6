package dev.actr.engine.internal.router;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;

/**
 * What the router does with the connection events network lanes publish: the peer table, the pending calls and
 * the actors' lifecycle hooks are updated on the engine thread.
 */
public interface ConnectionEvents
{
    /**
     * @param connectionId the new connection.
     * @param peer         the peer's verified id.
     * @param lane         carrying it.
     */
    void onConnected(long connectionId, ActrId peer, Lane lane);

    /**
     * @param connectionId the connection that closed.
     * @param reason       a {@code DisconnectReason}.
     */
    void onDisconnected(long connectionId, int reason);

    /**
     * @param peer   the peer a connection was asked for.
     * @param reason a {@code DisconnectReason}.
     */
    void onConnectFailed(ActrId peer, int reason);
}
