package dev.actr.engine.internal.scheduler;

import dev.actr.codec.proto.DataChunk;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.StreamHandler;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.HandlerWatchdog;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.stream.StreamRegistry;
import dev.actr.journal.replay.DispatchInput;
import org.agrona.DirectBuffer;

/**
 * Hands each queued chunk to its stream's handler, recording it (as it arrived, not re-encoded) for replay.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class ChunkDelivery implements StreamRegistry.Delivery
{
    private final ActorDirectory directory;
    private final HandlerFailures failures;
    private final HandlerWatchdog watchdog;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;

    ChunkDelivery(
        final ActorDirectory directory,
        final HandlerFailures failures,
        final HandlerWatchdog watchdog,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.directory = directory;
        this.failures = failures;
        this.watchdog = watchdog;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public void onChunk(
        final int actorIndex,
        final StreamHandler handler,
        final DataChunk chunk,
        final DirectBuffer encoded,
        final int length)
    {
        counters.increment(SystemCounter.CHUNKS);
        final ActorContextImpl ctx = directory.context(actorIndex);
        recorder.onDispatch(clock.nanoTime(), DispatchInput.CHUNK, actorIndex, -1, 0, encoded, 0, length);
        watchdog.begin(actorIndex, -1);
        try
        {
            handler.onChunk(ctx, chunk);
        }
        catch (final RuntimeException | Error ex)
        {
            failures.onHandlerError(ctx, ex);
        }
        finally
        {
            watchdog.end();
            recorder.onDispatchEnd();
        }
    }
}
