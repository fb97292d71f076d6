package dev.actr.cli.demo;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.cli.demo.proto.Fill;
import dev.actr.cli.demo.proto.MarketDataClient;
import dev.actr.cli.demo.proto.Quote;
import dev.actr.cli.demo.proto.SubscriberHandler;
import dev.actr.cli.demo.proto.SubscriberStats;
import dev.actr.cli.demo.proto.TapeAck;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Routes;

/**
 * Receives the market-data streams and checks them: the tape must come complete and in order (chunk sequence
 * 1, 2, 3, ..., each chunk the trade of that id) and its {@link TradeFingerprint} must equal the exchange's; quotes
 * must come in increasing sequence (some may be dropped) and never show a crossed book. Acks the tape every
 * {@link #ACK_EVERY} trades (market data's flow control).
 */
final class SubscriberActor implements Actor, SubscriberHandler
{
    /** Tape chunks between two acks; a quarter of {@link MarketDataActor#TAPE_WINDOW}. */
    static final int ACK_EVERY = MarketDataActor.TAPE_WINDOW / 4;

    private final DemoAddresses addresses;
    private MarketDataClient marketData;
    private final TradeFingerprint fingerprint = new TradeFingerprint();
    private long expectedTape = 1;
    private long tapeReceived;
    private long tapeGaps;
    private long lastQuote;
    private long quotesReceived;
    private long quotesOutOfOrder;
    private long crossedQuotes;
    private long malformed;

    /**
     * @param addresses where market data runs (this node or a peer), read at the first ack: on a network lane the
     *                  exchange node's id is learned after this actor was made.
     */
    SubscriberActor(final DemoAddresses addresses)
    {
        this.addresses = addresses;
    }

    @Override
    public void onRegister(final Routes routes)
    {
        SubscriberHandler.bind(routes, this);
    }

    @Override
    public void onStart(final ActorContext ctx)
    {
        ctx.registerStream(MarketDataActor.TAPE_STREAM, PayloadType.STREAM_RELIABLE, this::onTape);
        ctx.registerStream(MarketDataActor.QUOTE_STREAM, PayloadType.STREAM_LATENCY_FIRST, this::onQuote);
    }

    @Override
    public SubscriberStats stats(final ActorContext ctx, final Empty request)
    {
        return SubscriberStats.newBuilder()
            .setTapeReceived(tapeReceived)
            .setTapeGaps(tapeGaps)
            .setTapeFingerprint(fingerprint.value())
            .setQuotesReceived(quotesReceived)
            .setQuotesOutOfOrder(quotesOutOfOrder)
            .setCrossedQuotes(crossedQuotes)
            .setMalformed(malformed)
            .build();
    }

    private void onTape(final ActorContext ctx, final DataChunk chunk)
    {
        if (chunk.getSequence() != expectedTape)
        {
            tapeGaps++;
        }
        expectedTape = chunk.getSequence() + 1;
        try
        {
            final Fill trade = Fill.parseFrom(chunk.getPayload());
            if (trade.getTradeId() != chunk.getSequence())
            {
                malformed++;
            }
            fingerprint.add(trade);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            malformed++;
        }
        tapeReceived++;
        if (tapeReceived % ACK_EVERY == 0)
        {
            if (marketData == null)
            {
                marketData = MarketDataClient.to(addresses.marketData());
            }
            marketData.tellAck(ctx, TapeAck.newBuilder().setTapeSequence(chunk.getSequence()).build());
        }
    }

    private void onQuote(final ActorContext ctx, final DataChunk chunk)
    {
        quotesReceived++;
        if (chunk.getSequence() <= lastQuote)
        {
            quotesOutOfOrder++;
        }
        lastQuote = Math.max(lastQuote, chunk.getSequence());
        try
        {
            final Quote quote = Quote.parseFrom(chunk.getPayload());
            if (quote.getBidPriceTicks() != 0 && quote.getAskPriceTicks() != 0 &&
                quote.getBidPriceTicks() >= quote.getAskPriceTicks())
            {
                crossedQuotes++;
            }
        }
        catch (final InvalidProtocolBufferException ex)
        {
            malformed++;
        }
    }
}
