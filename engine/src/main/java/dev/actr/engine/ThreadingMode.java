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
     * The engine runs on a thread of its own and the ingress journal (when the journal module provides one)
     * on another, gated by ring sequences. Without a journal it runs exactly as {@link #SHARED}.
     */
    DEDICATED,
    /**
     * No engine thread: the host calls {@link ActrNode#invoke()} from its own loop. For hosts that own their
     * threads, for deterministic tests, and for replay.
     */
    INVOKER
}
