package dev.actr.cli.demo;

import dev.actr.cli.demo.proto.Fill;

/**
 * A fingerprint of a sequence of trades: 64-bit FNV-1a over each trade's maker and taker order ids, taker side,
 * price and quantity (8 little-endian bytes each), in order. The exchange keeps one over the trades it makes, the
 * subscriber over the tape it receives and the host over the reports it gets back, sorted by request: equal
 * fingerprints mean the same trades in the same order. Trade ids are left out: they follow from the order.
 *
 * <p>NOT thread safe.
 */
final class TradeFingerprint
{
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET_BASIS;
    private long trades;

    /**
     * @param makerOrderId the resting order.
     * @param takerOrderId the incoming order.
     * @param takerSide    its side number.
     * @param priceTicks   the trade price.
     * @param quantity     traded.
     */
    void add(
        final long makerOrderId, final long takerOrderId, final int takerSide, final long priceTicks, final long quantity)
    {
        mix(makerOrderId);
        mix(takerOrderId);
        mix(takerSide);
        mix(priceTicks);
        mix(quantity);
        trades++;
    }

    /**
     * @param fill a trade.
     */
    void add(final Fill fill)
    {
        add(fill.getMakerOrderId(), fill.getTakerOrderId(), fill.getTakerSideValue(), fill.getPriceTicks(),
            fill.getQuantity());
    }

    /**
     * @return the fingerprint so far.
     */
    long value()
    {
        return hash;
    }

    /**
     * @return trades added.
     */
    long trades()
    {
        return trades;
    }

    /**
     * @param fingerprint a fingerprint.
     * @return it as 16 hex digits.
     */
    static String hex(final long fingerprint)
    {
        return String.format("%016x", fingerprint);
    }

    private void mix(final long value)
    {
        long h = hash;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE)
        {
            h ^= (value >>> shift) & 0xff;
            h *= PRIME;
        }
        hash = h;
    }
}
