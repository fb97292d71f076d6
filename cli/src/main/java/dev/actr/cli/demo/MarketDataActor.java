package dev.actr.cli.demo;

import com.google.protobuf.Empty;
import dev.actr.cli.demo.proto.Fill;
import dev.actr.cli.demo.proto.MarketDataHandler;
import dev.actr.cli.demo.proto.MarketDataStats;
import dev.actr.cli.demo.proto.MarketUpdate;
import dev.actr.cli.demo.proto.Quote;
import dev.actr.cli.demo.proto.TapeAck;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the top of the book and the trade tape the exchange tells it about, and streams both to the subscriber:
 * each trade as a chunk of the {@link #TAPE_STREAM} (STREAM_RELIABLE; chunk sequence = trade id), each new top of
 * the book as a chunk of the {@link #QUOTE_STREAM} (STREAM_LATENCY_FIRST: a slow subscriber loses old quotes, never
 * gets them late).
 *
 * <p>The tape is flow controlled end to end, so that it is complete over any lane: at most {@link #TAPE_WINDOW}
 * trades are sent and not yet acked by the subscriber ({@code Ack}, every {@link SubscriberActor#ACK_EVERY}
 * trades); the rest wait here, in order, and go out as acks come. The window is below the receiving stream's
 * capacity, so a reliable chunk is never dropped at the receiver, in this node or another (whose stream gives its
 * sender no credits). A send refused all the same stays at the head of the queue and is tried again at the next
 * message. What this actor reports depends only on the messages it receives, so that a replay of its node is
 * identical.
 */
final class MarketDataActor implements Actor, MarketDataHandler
{
    /** Stream of the trade tape. */
    static final String TAPE_STREAM = "actr.demo.tape";
    /** Stream of the top of the book. */
    static final String QUOTE_STREAM = "actr.demo.quotes";
    /** Most tape chunks sent and not yet acked. */
    static final int TAPE_WINDOW = 512;

    private final DemoAddresses addresses;
    private Dest subscriber;
    private final ArrayDeque<Fill> waiting = new ArrayDeque<>();
    private Quote top = Quote.getDefaultInstance();
    private long tradesPublished;
    private long tapeSent;
    private long tapeAcked;
    private long quotesPublished;

    /**
     * @param addresses where the subscriber runs (this node or a peer), read at the first chunk sent: on a network
     *                  lane the client node's id is learned after this actor was made, and before any request.
     */
    MarketDataActor(final DemoAddresses addresses)
    {
        this.addresses = addresses;
    }

    @Override
    public void onRegister(final Routes routes)
    {
        MarketDataHandler.bind(routes, this);
    }

    @Override
    public Empty publish(final ActorContext ctx, final MarketUpdate update)
    {
        for (int i = 0; i < update.getTradesCount(); i++)
        {
            waiting.addLast(update.getTrades(i));
            tradesPublished++;
        }
        if (update.hasQuote())
        {
            top = update.getQuote();
            quotesPublished++;
            ctx.sendChunk(subscriber(), chunk(ctx, QUOTE_STREAM, top.getSequence(), top), PayloadType.STREAM_LATENCY_FIRST);
        }
        flushTape(ctx);
        return null;
    }

    @Override
    public Empty ack(final ActorContext ctx, final TapeAck ack)
    {
        tapeAcked = Math.max(tapeAcked, Math.min(ack.getTapeSequence(), tapeSent));
        flushTape(ctx);
        return null;
    }

    @Override
    public MarketDataStats stats(final ActorContext ctx, final Empty request)
    {
        flushTape(ctx);
        return MarketDataStats.newBuilder()
            .setTradesPublished(tradesPublished)
            .setTapeSent(tapeSent)
            .setTapeAcked(tapeAcked)
            .setTapeWaiting(waiting.size())
            .setQuotesPublished(quotesPublished)
            .build();
    }

    /**
     * @return the latest top of the book.
     */
    Quote top()
    {
        return top;
    }

    private void flushTape(final ActorContext ctx)
    {
        while (!waiting.isEmpty() && tapeSent - tapeAcked < TAPE_WINDOW)
        {
            final Fill trade = waiting.peekFirst();
            if (ctx.sendChunk(subscriber(), chunk(ctx, TAPE_STREAM, trade.getTradeId(), trade),
                PayloadType.STREAM_RELIABLE) != ActorContext.SEND_OK)
            {
                return;
            }
            waiting.pollFirst();
            tapeSent++;
        }
    }

    private Dest subscriber()
    {
        if (subscriber == null)
        {
            subscriber = addresses.subscriber();
        }
        return subscriber;
    }

    private static DataChunk chunk(
        final ActorContext ctx, final String streamId, final long sequence, final com.google.protobuf.MessageLite body)
    {
        return DataChunk.newBuilder()
            .setStreamId(streamId)
            .setSequence(sequence)
            .setPayload(body.toByteString())
            .setTimestampMs(TimeUnit.NANOSECONDS.toMillis(ctx.clock().nanoTime()))
            .build();
    }
}
