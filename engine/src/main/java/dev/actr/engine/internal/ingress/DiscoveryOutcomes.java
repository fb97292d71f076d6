package dev.actr.engine.internal.ingress;

import dev.actr.codec.FrameKind;
import dev.actr.lanes.Lane;

import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the outcome of an actor's discovery into the ingress ring from whatever thread the discovery completed
 * on; like a connection event it waits for room and is never lost. Any thread.
 */
public final class DiscoveryOutcomes
{
    private static final long ROOM_WAIT_NS = 20_000;

    private final IngressRing ring;

    /**
     * @param ring the node's ingress ring.
     */
    public DiscoveryOutcomes(final IngressRing ring)
    {
        this.ring = ring;
    }

    /**
     * @param correlationId the discovery's.
     * @param outcome       the list of ids found, or the throwable that stopped the discovery.
     */
    public void publish(final long correlationId, final Object outcome)
    {
        long sequence;
        while ((sequence = ring.tryClaim(0)) == Lane.BACK_PRESSURED)
        {
            LockSupport.parkNanos(ROOM_WAIT_NS);
        }
        if (sequence < 0)
        {
            return;
        }
        try
        {
            ring.event(sequence).setLocal(FrameKind.DISCOVERED, -1, -1, 0, 0, correlationId, 0, outcome, null);
        }
        finally
        {
            ring.publish(sequence);
        }
    }
}
