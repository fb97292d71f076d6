package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import dev.actr.journal.DirectoryLock;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The replay journal of one node: the ingress, dispatch and outbound journals (one Chronicle queue each, in
 * subdirectories of {@link ReplayJournalContext#directory()}) and the manifest naming actor and route indexes.
 *
 * <p>The append methods write one record each with no allocation in steady state; their layouts are in
 * {@link IngressRecordDescriptor}, {@link DispatchRecordDescriptor} and {@link OutboundRecordDescriptor}. Appends to
 * a journal that is not enabled do nothing. Chronicle binds an appender to the thread that created it, so each
 * journal's appender is created on first use: append from one thread only (the engine thread). When a journal
 * rolls to a new cycle file (and on its first append after open) that append also deletes cycle files beyond the
 * retention: a directory listing on the engine thread, once per cycle (once an hour by default).
 *
 * <p>NOT thread safe: one writing thread. {@link #close()} may be called from another thread once that thread
 * has stopped appending.
 */
public final class ReplayJournal implements AutoCloseable
{
    /** Returned by {@link #appendDispatch} when the dispatch journal is not enabled. */
    public static final long NO_SEQUENCE = -1;

    private final ReplayJournalContext ctx;
    private final DirectoryLock lock;
    private final JournalQueue ingress;
    private final JournalQueue dispatch;
    private final JournalQueue outbound;
    private long nextDispatchSequence;
    private boolean closed;

    private ReplayJournal(final ReplayJournalContext ctx)
    {
        this.ctx = ctx;
        this.lock = DirectoryLock.acquire(ctx.directory(), "actr replay journal");
        JournalQueue ingress = null;
        JournalQueue dispatch = null;
        JournalQueue outbound = null;
        try
        {
            Files.createDirectories(ctx.directory());
            ingress = ctx.isEnabled(JournalKind.INGRESS) ? new JournalQueue(JournalKind.INGRESS, ctx) : null;
            dispatch = ctx.isEnabled(JournalKind.DISPATCH) ? new JournalQueue(JournalKind.DISPATCH, ctx) : null;
            outbound = ctx.isEnabled(JournalKind.OUTBOUND) ? new JournalQueue(JournalKind.OUTBOUND, ctx) : null;
            nextDispatchSequence = dispatch == null ? 0 :
                dispatch.lastRecordLong(DispatchRecordDescriptor.SEQUENCE_OFFSET, -1) + 1;
        }
        catch (final IOException ex)
        {
            closeAll(ingress, dispatch, outbound, lock);
            throw new UncheckedIOException("cannot create replay journal directory " + ctx.directory(), ex);
        }
        catch (final RuntimeException ex)
        {
            closeAll(ingress, dispatch, outbound, lock);
            throw ex;
        }
        this.ingress = ingress;
        this.dispatch = dispatch;
        this.outbound = outbound;
    }

    /**
     * Open (or create) the journal in {@link ReplayJournalContext#directory()}. The dispatch sequence continues
     * from the last dispatch record already there.
     *
     * @param ctx configuration; concluded here.
     * @return the open journal.
     */
    public static ReplayJournal open(final ReplayJournalContext ctx)
    {
        return new ReplayJournal(ctx.conclude());
    }

    /**
     * @return the configuration this journal was opened with.
     */
    public ReplayJournalContext context()
    {
        return ctx;
    }

    /**
     * @param kind a journal.
     * @return true when appends to it are written.
     */
    public boolean isEnabled(final JournalKind kind)
    {
        return ctx.isEnabled(kind);
    }

    /**
     * Write the manifest that names actor and route indexes, replacing any earlier one (atomically: a reader sees
     * the old or the new one). Cold path: once at node start.
     *
     * @param actorIds  actor index to ActrId text; index 0 is the host (may be {@code "host"}).
     * @param routeKeys route index to route key.
     * @throws IllegalArgumentException when a name contains a line break.
     */
    public void writeManifest(final List<String> actorIds, final List<String> routeKeys)
    {
        ensureOpen();
        new JournalManifest(actorIds, routeKeys).write(ctx.directory());
    }

    /**
     * Record a frame taken from the ingress ring.
     *
     * @param timeNs        engine clock, epoch ns.
     * @param kind          {@link FrameKind}: envelope, chunk or host call.
     * @param callerIndex   index of the caller in the manifest's actor table.
     * @param targetIndex   index of the target actor.
     * @param payloadType   the lane's payload type number.
     * @param correlationId the frame's correlation id, -1 if none.
     * @param buffer        holding the frame's bytes.
     * @param offset        of the bytes.
     * @param length        of the bytes.
     */
    public void appendIngress(
        final long timeNs,
        final int kind,
        final int callerIndex,
        final int targetIndex,
        final int payloadType,
        final long correlationId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        ensureOpen();
        if (ingress == null)
        {
            return;
        }
        final MutableDirectBuffer header = ingress.header();
        header.putLong(IngressRecordDescriptor.TIME_NS_OFFSET, timeNs, LITTLE_ENDIAN);
        header.putLong(IngressRecordDescriptor.CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
        header.putInt(IngressRecordDescriptor.KIND_OFFSET, kind, LITTLE_ENDIAN);
        header.putInt(IngressRecordDescriptor.CALLER_OFFSET, callerIndex, LITTLE_ENDIAN);
        header.putInt(IngressRecordDescriptor.TARGET_OFFSET, targetIndex, LITTLE_ENDIAN);
        header.putInt(IngressRecordDescriptor.PAYLOAD_TYPE_OFFSET, payloadType, LITTLE_ENDIAN);
        ingress.append(IngressRecordDescriptor.HEADER_LENGTH, buffer, offset, length);
    }

    /**
     * Record an input given to an actor, in the scheduler's order.
     *
     * @param timeNs        engine clock, epoch ns.
     * @param inputType     {@link DispatchInput}.
     * @param actorIndex    index of the actor given the input.
     * @param callerIndex   index of the caller (who sent the message, or whom the actor called).
     * @param correlationId which call a response or timeout completes, -1 if none.
     * @param buffer        holding the input's bytes (may be null when {@code length} is 0).
     * @param offset        of the bytes.
     * @param length        of the bytes (0 for timeouts).
     * @return the record's dispatch sequence (0, 1, 2, ... over the life of the directory), or
     * {@link #NO_SEQUENCE} when the dispatch journal is not enabled.
     */
    public long appendDispatch(
        final long timeNs,
        final int inputType,
        final int actorIndex,
        final int callerIndex,
        final long correlationId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        ensureOpen();
        if (dispatch == null)
        {
            return NO_SEQUENCE;
        }
        final long sequence = nextDispatchSequence;
        final MutableDirectBuffer header = dispatch.header();
        header.putLong(DispatchRecordDescriptor.SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
        header.putLong(DispatchRecordDescriptor.TIME_NS_OFFSET, timeNs, LITTLE_ENDIAN);
        header.putLong(DispatchRecordDescriptor.CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
        header.putInt(DispatchRecordDescriptor.INPUT_TYPE_OFFSET, inputType, LITTLE_ENDIAN);
        header.putInt(DispatchRecordDescriptor.ACTOR_OFFSET, actorIndex, LITTLE_ENDIAN);
        header.putInt(DispatchRecordDescriptor.CALLER_OFFSET, callerIndex, LITTLE_ENDIAN);
        dispatch.append(DispatchRecordDescriptor.HEADER_LENGTH, buffer, offset, length);
        nextDispatchSequence = sequence + 1;
        return sequence;
    }

    /**
     * Record an envelope or chunk an actor sent.
     *
     * @param dispatchSequence the dispatch during which it was sent, -1 when sent outside any dispatch.
     * @param timeNs           engine clock, epoch ns.
     * @param kind             {@link FrameKind}: envelope or chunk.
     * @param senderIndex      index of the sender in the manifest's actor table.
     * @param targetIndex      index of the target.
     * @param payloadType      the lane's payload type number.
     * @param buffer           holding the bytes.
     * @param offset           of the bytes.
     * @param length           of the bytes.
     */
    public void appendOutbound(
        final long dispatchSequence,
        final long timeNs,
        final int kind,
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        ensureOpen();
        if (outbound == null)
        {
            return;
        }
        final MutableDirectBuffer header = outbound.header();
        header.putLong(OutboundRecordDescriptor.DISPATCH_SEQUENCE_OFFSET, dispatchSequence, LITTLE_ENDIAN);
        header.putLong(OutboundRecordDescriptor.TIME_NS_OFFSET, timeNs, LITTLE_ENDIAN);
        header.putInt(OutboundRecordDescriptor.KIND_OFFSET, kind, LITTLE_ENDIAN);
        header.putInt(OutboundRecordDescriptor.SENDER_OFFSET, senderIndex, LITTLE_ENDIAN);
        header.putInt(OutboundRecordDescriptor.TARGET_OFFSET, targetIndex, LITTLE_ENDIAN);
        header.putInt(OutboundRecordDescriptor.PAYLOAD_TYPE_OFFSET, payloadType, LITTLE_ENDIAN);
        outbound.append(OutboundRecordDescriptor.HEADER_LENGTH, buffer, offset, length);
    }

    /**
     * @return the sequence the next dispatch record will get.
     */
    public long nextDispatchSequence()
    {
        return nextDispatchSequence;
    }

    /**
     * Delete, in every enabled journal, all but the newest {@link ReplayJournalContext#retentionCycles()} cycle
     * files. Also done by the append that rolls a journal to a new cycle. Cold path: lists directories.
     *
     * @return how many files were deleted.
     */
    public int applyRetention()
    {
        ensureOpen();
        int deleted = 0;
        for (final JournalQueue queue : queues().values())
        {
            deleted += queue.applyRetention();
        }
        return deleted;
    }

    /**
     * A reader over one journal from its start, for the calling thread. An enabled journal is read through this
     * journal's own queue (records appended later become visible to it); any other through
     * {@link JournalReader#open}.
     *
     * @param kind the journal to read.
     * @return a reader the caller closes.
     */
    public JournalReader reader(final JournalKind kind)
    {
        ensureOpen();
        final JournalQueue queue = queues().get(kind);
        return queue == null ? JournalReader.open(ctx.directory(), kind) : JournalReader.over(queue.queue(), kind);
    }

    private Map<JournalKind, JournalQueue> queues()
    {
        final Map<JournalKind, JournalQueue> queues = new EnumMap<>(JournalKind.class);
        if (ingress != null)
        {
            queues.put(JournalKind.INGRESS, ingress);
        }
        if (dispatch != null)
        {
            queues.put(JournalKind.DISPATCH, dispatch);
        }
        if (outbound != null)
        {
            queues.put(JournalKind.OUTBOUND, outbound);
        }
        return queues;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("replay journal is closed: " + ctx.directory());
        }
    }

    /**
     * Close the journals in reverse order of opening. Idempotent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            closeAll(ingress, dispatch, outbound, lock);
        }
    }

    private static void closeAll(
        final JournalQueue ingress, final JournalQueue dispatch, final JournalQueue outbound, final DirectoryLock lock)
    {
        RuntimeException failure = null;
        for (final AutoCloseable queue : new AutoCloseable[]{ outbound, dispatch, ingress, lock })
        {
            if (queue != null)
            {
                try
                {
                    queue.close();
                }
                catch (final Exception ex)
                {
                    if (failure == null)
                    {
                        failure = ex instanceof RuntimeException ? (RuntimeException)ex : new IllegalStateException(ex);
                    }
                    else
                    {
                        failure.addSuppressed(ex);
                    }
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
