package dev.actr.engine.internal.replay;

import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.journal.replay.ReplayJournal;
import org.agrona.DirectBuffer;

/**
 * Writes the engine's record of a run to a {@link ReplayJournal}. Engine thread only.
 */
public final class ReplayJournalRecorder implements JournalRecorder
{
    private final ReplayJournal journal;
    private final long[] outer = new long[16];
    private int depth;
    private long dispatchSequence = ReplayJournal.NO_SEQUENCE;

    /**
     * @param journal to write to; closed with this recorder.
     */
    public ReplayJournalRecorder(final ReplayJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onIngress(final long timeNs, final IngressEvent event)
    {
        final boolean remote = event.connectionId() != 0;
        journal.appendIngress(timeNs, event.kind(), event.sourceIndex(), event.targetIndex(), event.payloadType(),
            remote ? event.connectionId() : event.correlationId(), event.buffer(), 0, event.length());
    }

    @Override
    public void onDispatch(
        final long timeNs,
        final int inputType,
        final int actorIndex,
        final int callerIndex,
        final long correlationId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (depth < outer.length)
        {
            outer[depth] = dispatchSequence;
        }
        depth++;
        dispatchSequence = journal.appendDispatch(
            timeNs, inputType, actorIndex, callerIndex, correlationId, buffer, offset, length);
    }

    @Override
    public void onDispatchEnd()
    {
        if (depth > 0)
        {
            depth--;
            dispatchSequence = depth < outer.length ? outer[depth] : ReplayJournal.NO_SEQUENCE;
        }
    }

    @Override
    public void onOutbound(
        final long timeNs,
        final int kind,
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        journal.appendOutbound(dispatchSequence, timeNs, kind, senderIndex, targetIndex, payloadType, buffer, offset,
            length);
    }

    /**
     * @param actorIds  actor id text by index (index 0 is the host).
     * @param routeKeys route keys by route index.
     */
    public void writeManifest(final java.util.List<String> actorIds, final java.util.List<String> routeKeys)
    {
        journal.writeManifest(actorIds, routeKeys);
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
