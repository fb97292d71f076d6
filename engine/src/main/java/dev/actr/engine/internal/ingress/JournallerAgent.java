package dev.actr.engine.internal.ingress;

import dev.actr.engine.internal.replay.JournalRecorder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The journal stage of a {@code DEDICATED} node: on a thread of its own, records every ingress event in the replay
 * journal in parallel with the engine's routing of earlier events (the LMAX journaller beside the business logic
 * processor). The engine's poller is gated on this stage's sequence, so no frame is routed before it is journalled;
 * after each batch the engine is woken to take what was journalled.
 *
 * <p>Owns the ingress journal's appender; touches nothing of the engine's.
 */
public final class JournallerAgent implements Agent, IngressRing.Handler
{
    private final IngressRing ring;
    private final JournalRecorder recorder;
    private final EpochNanoClock clock;
    private final Runnable wakeEngine;
    private final int batch;

    /**
     * @param ring       with a journal stage.
     * @param recorder   told of each event ({@link JournalRecorder#onIngress}).
     * @param clock      time of the records (read on this thread: the engine's cached clock is not shared).
     * @param wakeEngine run after each batch journalled.
     * @param batch      most events journalled per duty cycle.
     */
    public JournallerAgent(
        final IngressRing ring,
        final JournalRecorder recorder,
        final EpochNanoClock clock,
        final Runnable wakeEngine,
        final int batch)
    {
        this.ring = ring;
        this.recorder = recorder;
        this.clock = clock;
        this.wakeEngine = wakeEngine;
        this.batch = batch;
    }

    @Override
    public int doWork()
    {
        final int work = ring.pollJournal(this, batch);
        if (work > 0)
        {
            wakeEngine.run();
        }
        return work;
    }

    @Override
    public void onEvent(final IngressEvent event)
    {
        recorder.onIngress(clock.nanoTime(), event);
    }

    @Override
    public String roleName()
    {
        return "actr-journaller";
    }
}
