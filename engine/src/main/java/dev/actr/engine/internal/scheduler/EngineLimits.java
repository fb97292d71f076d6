package dev.actr.engine.internal.scheduler;

/**
 * Tunables of the duty cycle.
 */
public final class EngineLimits
{
    final int ringBatch;
    final int mailboxBatch;
    final int chunkBatch;
    final int fairnessBound;

    /**
     * @param ringBatch     most frames routed per poll, of each source.
     * @param mailboxBatch  most mailbox messages run per duty cycle.
     * @param chunkBatch    most chunks delivered per duty cycle.
     * @param fairnessBound most HIGH messages in a row while NORMAL ones wait.
     */
    public EngineLimits(final int ringBatch, final int mailboxBatch, final int chunkBatch, final int fairnessBound)
    {
        this.ringBatch = ringBatch;
        this.mailboxBatch = mailboxBatch;
        this.chunkBatch = chunkBatch;
        this.fairnessBound = fairnessBound;
    }
}
