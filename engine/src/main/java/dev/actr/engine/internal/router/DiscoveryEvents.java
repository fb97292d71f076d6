package dev.actr.engine.internal.router;

/**
 * What the router does with the outcome of a discovery an actor asked for.
 */
public interface DiscoveryEvents
{
    /**
     * @param correlationId the discovery's.
     * @param outcome       the {@code List} of ids found, or the {@code Throwable} that stopped it.
     */
    void onDiscovered(long correlationId, Object outcome);
}
