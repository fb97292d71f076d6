package dev.actr.engine.internal.ingress;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

/**
 * The engine's ingress: a Disruptor multi-producer ring of pre-allocated {@link IngressEvent}s into which host
 * threads and lanes publish. Any thread claims, fills and publishes (a full ring answers
 * {@link Lane#BACK_PRESSURED}, never blocks); the engine thread polls.
 */
public final class IngressRing
{
    /** Handles polled events on the engine thread. */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param event the event; its bytes are valid only during the call.
         */
        void onEvent(IngressEvent event);
    }

    private final RingBuffer<IngressEvent> ring;
    private final EventPoller<IngressEvent> poller;
    private final int maxFrameLength;
    private final PollHandler pollHandler;
    private final EventPoller<IngressEvent> journalPoller;
    private final PollHandler journalPollHandler;
    private final Runnable onPublish;
    private volatile boolean closed;

    /**
     * @param ringSize       events in the ring (power of two).
     * @param inlineCapacity bytes each event owns; larger frames allocate for that one use.
     * @param maxFrameLength largest frame accepted; larger is {@link Lane#OVERSIZE}.
     * @param onPublish      run after every publish, on the publishing thread (wakes the first consumer).
     * @param errorHandler   told of any exception a handler lets escape; the event is then skipped.
     * @param journalStage   add a journal consumer ({@link #pollJournal}) that sees every event before the
     *                       engine's {@link #poll} may: the engine's poller is gated on the journal's sequence.
     */
    public IngressRing(
        final int ringSize,
        final int inlineCapacity,
        final int maxFrameLength,
        final Runnable onPublish,
        final ErrorHandler errorHandler,
        final boolean journalStage)
    {
        // Consumers poll (EventPoller) and are woken by onPublish, so no thread ever waits on the ring's
        // wait strategy; YieldingWaitStrategy is chosen because its publish-side signal is a no-op.
        this.ring = RingBuffer.createMultiProducer(
            () -> new IngressEvent(inlineCapacity), ringSize, new YieldingWaitStrategy());
        this.journalPoller = journalStage ? ring.newPoller() : null;
        this.poller = journalStage ? ring.newPoller(journalPoller.getSequence()) : ring.newPoller();
        // The engine's poller is the last consumer: producers wait for it alone.
        ring.addGatingSequences(poller.getSequence());
        this.maxFrameLength = maxFrameLength;
        this.onPublish = onPublish;
        this.pollHandler = new PollHandler(errorHandler, true);
        this.journalPollHandler = journalStage ? new PollHandler(errorHandler, false) : null;
    }

    /**
     * Copy in a frame from a local sender (tests and benchmarks inject raw frames this way).
     *
     * @param kind        a {@code FrameKind}.
     * @param sourceIndex local sender.
     * @param targetIndex receiving actor, or {@link IngressEvent#TARGET_BY_ROUTE}.
     * @param payloadType PayloadType number.
     * @param buffer      holding the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     * @return a {@link Lane} result code.
     */
    public int offer(
        final int kind,
        final int sourceIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long sequence = tryClaim(length);
        if (sequence < 0)
        {
            return (int)sequence;
        }
        final IngressEvent event = ring.get(sequence);
        try
        {
            event.prepare(length).putBytes(0, buffer, offset, length);
            event.setLocal(kind, sourceIndex, targetIndex, payloadType, length, 0, 0, null, null);
        }
        finally
        {
            publish(sequence);
        }
        return Lane.OK;
    }

    /**
     * Claim an event to fill in place (host calls encode straight into it). Must be followed by
     * {@link #publish(long)}, whatever happens in between.
     *
     * @param length bytes the frame will need.
     * @return the sequence of the claimed event, or a negative {@link Lane} result code.
     */
    public long tryClaim(final int length)
    {
        if (closed)
        {
            return Lane.CLOSED;
        }
        if (length < 0 || length > maxFrameLength)
        {
            return Lane.OVERSIZE;
        }
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return Lane.BACK_PRESSURED;
        }
    }

    /**
     * @param sequence a claimed sequence.
     * @return its event.
     */
    public IngressEvent event(final long sequence)
    {
        return ring.get(sequence);
    }

    /**
     * @param sequence a claimed sequence, now filled.
     */
    public void publish(final long sequence)
    {
        ring.publish(sequence);
        onPublish.run();
    }

    /**
     * Poll up to {@code limit} published events, in order, on the engine thread.
     *
     * @param handler for each event.
     * @param limit   most events to handle.
     * @return how many events were handled.
     */
    public int poll(final Handler handler, final int limit)
    {
        return poll(poller, pollHandler, handler, limit);
    }

    /**
     * Poll the journal stage: events published and not yet journalled, in order (journal thread only).
     *
     * @param handler for each event.
     * @param limit   most events to handle.
     * @return how many events were handled.
     */
    public int pollJournal(final Handler handler, final int limit)
    {
        return poll(journalPoller, journalPollHandler, handler, limit);
    }

    private static int poll(
        final EventPoller<IngressEvent> from, final PollHandler pollHandler, final Handler handler, final int limit)
    {
        pollHandler.handler = handler;
        pollHandler.limit = limit;
        pollHandler.count = 0;
        pollHandler.stop = false;
        try
        {
            from.poll(pollHandler);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("ingress poll failed", ex);
        }
        return pollHandler.count;
    }

    /**
     * Stop the poll under way after the event being handled (a handler that cannot take more for now).
     */
    public void stopPoll()
    {
        pollHandler.stop = true;
    }

    /**
     * @return events the engine's poller may take now (published, and journalled when there is a journal stage).
     */
    public long backlog()
    {
        final long available = journalPoller != null ? journalPoller.getSequence().get() : ring.getCursor();
        return available - poller.getSequence().get();
    }

    /**
     * @return events published and not yet journalled (0 without a journal stage).
     */
    public long journalBacklog()
    {
        return journalPoller == null ? 0 : ring.getCursor() - journalPoller.getSequence().get();
    }

    /**
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Refuse every later offer with {@link Lane#CLOSED}.
     */
    public void close()
    {
        closed = true;
    }

    private static final class PollHandler implements EventPoller.Handler<IngressEvent>
    {
        private final ErrorHandler errorHandler;
        private final boolean lastConsumer;
        Handler handler;
        int limit;
        int count;
        boolean stop;

        PollHandler(final ErrorHandler errorHandler, final boolean lastConsumer)
        {
            this.errorHandler = errorHandler;
            this.lastConsumer = lastConsumer;
        }

        @Override
        public boolean onEvent(final IngressEvent event, final long sequence, final boolean endOfBatch)
        {
            try
            {
                handler.onEvent(event);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
            finally
            {
                if (lastConsumer)
                {
                    event.release();
                }
            }
            return ++count < limit && !stop;
        }
    }
}
