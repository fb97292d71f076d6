package dev.actr.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code actr demo}: fluent setters starting from the documented defaults ({@code *_DEFAULT});
 * {@link #conclude()} validates once and resolves the lanes to topologies, {@link Demo#run} uses it, and
 * {@link #toString()} prints the effective options. The defaults make the whole demo — every lane it will run —
 * take well under a minute on a 2-core machine.
 */
public final class DemoContext
{
    /**
     * Requests (new orders and cancels) sent on each lane. The default lanes then take 15 to 35 s in all on a 2-core
     * machine (measured at load averages of 3 to 9), most of it the network lanes' set-up (a second JVM, registration,
     * connection) and the replays.
     */
    public static final int ORDERS_DEFAULT = 4_000;
    /** Closed loop: requests in flight at once. */
    public static final int OUTSTANDING_DEFAULT = 64;
    /** Open loop: requests per second; 0 runs the closed loop. */
    public static final long RATE_PER_SECOND_DEFAULT = 0;
    /** The lanes run, in order; {@code webrtc} only where it can run ({@link NetworkInterfaceProbe}). */
    public static final List<String> LANES_DEFAULT =
        List.of(DemoTopologies.IN_PROCESS, DemoTopologies.WEBSOCKET, DemoTopologies.WEBRTC);
    /** Seed of the order flow. */
    public static final long SEED_DEFAULT = 1;
    /** Deadline of each host request, end to end. */
    public static final long CALL_TIMEOUT_MS_DEFAULT = 5_000;
    /** Deadline of the gateway's risk check (a nested call, within the request's deadline). */
    public static final long RISK_TIMEOUT_MS_DEFAULT = 1_000;
    /** Requests left out of the latency figures at the start of each lane, at most a tenth of the orders. */
    public static final int WARMUP_ORDERS_DEFAULT = 2_000;
    /** Longest wait, after the last report, for the market-data streams to reach the subscriber. */
    public static final long DRAIN_TIMEOUT_MS_DEFAULT = 10_000;

    private int orders = ORDERS_DEFAULT;
    private int outstanding = OUTSTANDING_DEFAULT;
    private long ratePerSecond = RATE_PER_SECOND_DEFAULT;
    private List<String> lanes = LANES_DEFAULT;
    private boolean lanesGiven;
    private NetworkInterfaceProbe networkInterfaceProbe = NetworkInterfaceProbe.SYSTEM;
    private final List<String> notes = new ArrayList<>();
    private final List<DemoTopology> extraTopologies = new ArrayList<>();
    private final List<DemoTopology> topologies = new ArrayList<>();
    private long seed = SEED_DEFAULT;
    private Path directory;
    private boolean keep;
    private boolean json;
    private boolean progress = true;
    private long callTimeoutMs = CALL_TIMEOUT_MS_DEFAULT;
    private long riskTimeoutMs = RISK_TIMEOUT_MS_DEFAULT;
    private int warmupOrders = WARMUP_ORDERS_DEFAULT;
    private long drainTimeoutMs = DRAIN_TIMEOUT_MS_DEFAULT;
    private boolean concluded;

    /**
     * @param orders requests sent on each lane, > 0 (default {@value #ORDERS_DEFAULT}).
     * @return this.
     */
    public DemoContext orders(final int orders)
    {
        this.orders = orders;
        return this;
    }

    /**
     * @return requests sent on each lane.
     */
    public int orders()
    {
        return orders;
    }

    /**
     * @param outstanding closed loop: requests in flight at once, > 0 (default {@value #OUTSTANDING_DEFAULT}).
     * @return this.
     */
    public DemoContext outstanding(final int outstanding)
    {
        this.outstanding = outstanding;
        return this;
    }

    /**
     * @return closed loop: requests in flight at once.
     */
    public int outstanding()
    {
        return outstanding;
    }

    /**
     * @param ratePerSecond open loop: requests per second, each timed from when it was due so that a stall counts
     *                      for every request it delayed (coordinated omission corrected); 0 for the closed loop
     *                      (default).
     * @return this.
     */
    public DemoContext ratePerSecond(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /**
     * @return open loop: requests per second, 0 for the closed loop.
     */
    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    /**
     * @param lanes names of the lanes to run, in order ({@link DemoTopologies}; default {@link #LANES_DEFAULT}, less
     *              {@code webrtc} where it cannot run). A lane named here that cannot run fails the demo at once.
     * @return this.
     */
    public DemoContext lanes(final List<String> lanes)
    {
        this.lanes = List.copyOf(lanes);
        this.lanesGiven = true;
        return this;
    }

    /**
     * @return names of the lanes to run.
     */
    public List<String> lanes()
    {
        return lanes;
    }

    /**
     * @param probe tells whether the WebRTC lane can run here (default {@link NetworkInterfaceProbe#SYSTEM}).
     * @return this.
     */
    public DemoContext networkInterfaceProbe(final NetworkInterfaceProbe probe)
    {
        this.networkInterfaceProbe = Objects.requireNonNull(probe, "probe");
        return this;
    }

    /**
     * @return what is worth saying about the options before the run (a default lane left out, and why); filled in by
     * {@link #conclude()}.
     */
    public List<String> notes()
    {
        return Collections.unmodifiableList(notes);
    }

    /**
     * Run a topology of the caller's after the named lanes (an embedder's own lane, a test's).
     *
     * @param topology the topology.
     * @return this.
     */
    public DemoContext topology(final DemoTopology topology)
    {
        extraTopologies.add(Objects.requireNonNull(topology, "topology"));
        return this;
    }

    /**
     * @return what is run, in order: the named lanes' topologies, then those added; filled in by {@link #conclude()}.
     */
    public List<DemoTopology> topologies()
    {
        return Collections.unmodifiableList(topologies);
    }

    /**
     * @param seed of the order flow (default {@value #SEED_DEFAULT}): the same seed gives the same trades on every
     *             lane.
     * @return this.
     */
    public DemoContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * @return seed of the order flow.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param directory where each lane's durable node keeps its mailbox and replay journal, one folder per lane
     *                  (default: a new temporary folder, deleted at the end unless {@link #keep}).
     * @return this.
     */
    public DemoContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return where the nodes keep their files, or null for a temporary folder.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param keep keep the nodes' folders and print the {@code actr journal} commands that explore them (default
     *             false: a temporary folder is deleted; a {@link #directory} given is never deleted).
     * @return this.
     */
    public DemoContext keep(final boolean keep)
    {
        this.keep = keep;
        return this;
    }

    /**
     * @return whether the folders are kept.
     */
    public boolean keep()
    {
        return keep;
    }

    /**
     * @param json print the results as one JSON document instead of tables, and no progress bar (default false).
     * @return this.
     */
    public DemoContext json(final boolean json)
    {
        this.json = json;
        return this;
    }

    /**
     * @return whether the results are printed as JSON.
     */
    public boolean json()
    {
        return json;
    }

    /**
     * @param progress show a progress bar while a lane runs (default true; never with {@link #json}).
     * @return this.
     */
    public DemoContext progress(final boolean progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * @return whether a progress bar is shown.
     */
    public boolean progress()
    {
        return progress && !json;
    }

    /**
     * @param callTimeoutMs deadline of each host request, > 0 (default {@value #CALL_TIMEOUT_MS_DEFAULT}).
     * @return this.
     */
    public DemoContext callTimeoutMs(final long callTimeoutMs)
    {
        this.callTimeoutMs = callTimeoutMs;
        return this;
    }

    /**
     * @return deadline of each host request.
     */
    public long callTimeoutMs()
    {
        return callTimeoutMs;
    }

    /**
     * @param riskTimeoutMs deadline of the gateway's risk check, > 0 (default {@value #RISK_TIMEOUT_MS_DEFAULT}).
     * @return this.
     */
    public DemoContext riskTimeoutMs(final long riskTimeoutMs)
    {
        this.riskTimeoutMs = riskTimeoutMs;
        return this;
    }

    /**
     * @return deadline of the gateway's risk check.
     */
    public long riskTimeoutMs()
    {
        return riskTimeoutMs;
    }

    /**
     * @param warmupOrders requests left out of the latency figures at the start of each lane (still sent, counted
     *                     and checked), >= 0; at most a tenth of {@link #orders} is left out (default
     *                     {@value #WARMUP_ORDERS_DEFAULT}).
     * @return this.
     */
    public DemoContext warmupOrders(final int warmupOrders)
    {
        this.warmupOrders = warmupOrders;
        return this;
    }

    /**
     * @return requests left out of the latency figures: the setting, at most a tenth of the orders.
     */
    public int warmupOrders()
    {
        return Math.min(warmupOrders, orders / 10);
    }

    /**
     * @param drainTimeoutMs longest wait after the last report for the streams to reach the subscriber, > 0 (default
     *                       {@value #DRAIN_TIMEOUT_MS_DEFAULT}).
     * @return this.
     */
    public DemoContext drainTimeoutMs(final long drainTimeoutMs)
    {
        this.drainTimeoutMs = drainTimeoutMs;
        return this;
    }

    /**
     * @return longest wait for the streams after the last report.
     */
    public long drainTimeoutMs()
    {
        return drainTimeoutMs;
    }

    /**
     * Validate the options and resolve the lanes.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first invalid option or unknown lane.
     * @throws IllegalStateException    when a lane asked for cannot run here, saying why.
     */
    public DemoContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(orders > 0, "orders must be > 0");
        require(outstanding > 0, "outstanding must be > 0");
        require(ratePerSecond >= 0, "rate must be >= 0 (0: closed loop)");
        require(callTimeoutMs > 0 && riskTimeoutMs > 0 && drainTimeoutMs > 0, "timeouts must be > 0");
        require(warmupOrders >= 0, "warmupOrders must be >= 0");
        topologies.addAll(DemoTopologies.resolve(lanes, lanesGiven, networkInterfaceProbe, notes));
        topologies.addAll(extraTopologies);
        require(!topologies.isEmpty(), "at least one lane must run");
        concluded = true;
        return this;
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message + ": " + this);
        }
    }

    @Override
    public String toString()
    {
        return "DemoContext{orders=" + orders + ", " +
            (ratePerSecond > 0 ? "open loop at " + ratePerSecond + "/s" : "closed loop, outstanding=" + outstanding) +
            ", lanes=" + lanes + (extraTopologies.isEmpty() ? "" : " + " + extraTopologies.size() + " more") +
            ", seed=" + seed + ", directory=" + directory + ", keep=" + keep + ", json=" + json +
            ", callTimeoutMs=" + callTimeoutMs + ", riskTimeoutMs=" + riskTimeoutMs +
            ", warmupOrders=" + warmupOrders + ", drainTimeoutMs=" + drainTimeoutMs + '}';
    }
}
