package dev.actr.engine.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.lanes.webrtc.RelayChannel;
import dev.actr.lanes.webrtc.RelayHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test implementation of the signaling relay (a collaborator the lane sees only through {@link RelayChannel}) for
 * nodes of one JVM: each node's channel hands a relay straight to its target's handler, on the sender's thread (the
 * lane only queues it). A relay to a node that has not opened its channel is dropped, as a signaling server would.
 */
public final class InMemoryRelayNetwork
{
    private final Map<ActrId, RelayHandler> handlers = new ConcurrentHashMap<>();

    /**
     * @param node the node's id.
     * @return the node's relay channel.
     */
    public RelayChannel channel(final ActrId node)
    {
        return new RelayChannel()
        {
            @Override
            public void open(final RelayHandler handler)
            {
                handlers.put(node, handler);
            }

            @Override
            public boolean send(final ActrRelay relay)
            {
                final RelayHandler target = handlers.get(relay.getTarget());
                if (target == null)
                {
                    return false;
                }
                target.onRelay(relay);
                return true;
            }
        };
    }
}
