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
     * Two threads made by the context's thread factory: a journaller records every ingress frame in the replay
     * journal while the engine thread routes and runs the frames already journalled (the LMAX journaller in
     * parallel with the business logic): the engine's ring consumer is gated on the journaller's sequence, so no
     * frame is acted on before it is journalled, and journalling no longer adds to the engine's duty cycle. The
     * journaller always parks when idle (it never spins, whatever the engine's idle strategy). Without a replay
     * journal ({@code journalEnabled} false) there is nothing to journal and this runs as {@link #SHARED}.
     * Every ring hop then takes one more thread hand-off: on 2 cores with parking threads a host call round trip
     * measured ~3x SHARED's (JournalledCallBenchmark), so choose it only where cores are spare and journal
     * writes are costly.
     */
    DEDICATED,
    /**
     * No engine thread: the host calls {@link ActrNode#invoke()} from its own loop. For hosts that own their
     * threads, for deterministic tests, and for replay.
     */
    INVOKER
}
