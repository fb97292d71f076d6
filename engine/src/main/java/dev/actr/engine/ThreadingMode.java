package dev.actr.engine;

/**
 * How a node runs its engine.
 */
public enum ThreadingMode
{
    /**
     * One engine thread polls the ingress ring, routes, journals and runs the scheduler in one duty cycle.
     * The default; right for 2 cores. Lanes keep their own I/O threads.
     */
    SHARED,
    /**
     * The engine runs on a thread of its own made by the context's thread factory. Today the replay journal is
     * still written inline by that thread, so this runs exactly as {@link #SHARED}; a journaller thread gated by
     * ring sequences (the LMAX "journaller in parallel with the unmarshaller") is the planned difference.
     */
    DEDICATED,
    /**
     * No engine thread: the host calls {@link ActrNode#invoke()} from its own loop. For hosts that own their
     * threads, for deterministic tests, and for replay.
     */
    INVOKER
}
