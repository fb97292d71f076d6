package dev.actr.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one lane's run did and whether each of its checks passed. Latencies are host round trips (host, gateway,
 * risk, exchange, back) in µs, without the warm-up requests. Filled in by the run; read only afterwards.
 */
public final class LaneResult
{
    final String lane;
    final List<String> failures = new ArrayList<>();
    long requests;
    long answered;
    long accepted;
    long cancels;
    long fills;
    long volume;
    long riskRejects;
    long exchangeRejects;
    long canceled;
    long cancelRejects;
    long failedRequests;
    long latencyCount;
    double p50Us;
    double p99Us;
    double p999Us;
    double maxUs;
    double ordersPerSecond;
    long elapsedMs;
    long exchangeFingerprint;
    long hostFingerprint;
    long tapeFingerprint;
    long exchangeTrades;
    long tapeReceived;
    long tapeGaps;
    long quotesPublished;
    long quotesReceived;
    long quotesOutOfOrder;
    long crossedQuotes;
    boolean replayIdentical;
    long replayInputs;
    String replaySummary = "not run";
    String directory;

    LaneResult(final String lane)
    {
        this.lane = lane;
    }

    /**
     * @return the lane's name.
     */
    public String lane()
    {
        return lane;
    }

    /**
     * @return requests sent (new orders and cancels).
     */
    public long requests()
    {
        return requests;
    }

    /**
     * @return trades the exchange made for the requests of this run, as the reports told the host.
     */
    public long fills()
    {
        return fills;
    }

    /**
     * @return requests refused by risk or by the exchange.
     */
    public long rejects()
    {
        return riskRejects + exchangeRejects;
    }

    /**
     * @return requests that got no report (an error or no answer at all).
     */
    public long failedRequests()
    {
        return failedRequests;
    }

    /**
     * @return median round trip, µs.
     */
    public double p50Us()
    {
        return p50Us;
    }

    /**
     * @return 99th percentile round trip, µs.
     */
    public double p99Us()
    {
        return p99Us;
    }

    /**
     * @return 99.9th percentile round trip, µs.
     */
    public double p999Us()
    {
        return p999Us;
    }

    /**
     * @return slowest round trip, µs.
     */
    public double maxUs()
    {
        return maxUs;
    }

    /**
     * @return requests answered per second over the run.
     */
    public double ordersPerSecond()
    {
        return ordersPerSecond;
    }

    /**
     * @return the exchange's fingerprint of its trades, as 16 hex digits.
     */
    public String fingerprint()
    {
        return TradeFingerprint.hex(exchangeFingerprint);
    }

    /**
     * @return true when the journalled node's replay produced identical outputs.
     */
    public boolean replayIdentical()
    {
        return replayIdentical;
    }

    /**
     * @return what the replay said.
     */
    public String replaySummary()
    {
        return replaySummary;
    }

    /**
     * @return the lane's folder when it was kept, else null.
     */
    public String directory()
    {
        return directory;
    }

    /**
     * @return the checks that failed, empty when all passed.
     */
    public List<String> failures()
    {
        return Collections.unmodifiableList(failures);
    }

    /**
     * @return true when every check of the lane passed.
     */
    public boolean passed()
    {
        return failures.isEmpty();
    }

    void check(final boolean condition, final String failure)
    {
        if (!condition)
        {
            failures.add(failure);
        }
    }
}
