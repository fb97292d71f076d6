package dev.actr.engine.internal.counters;

import dev.actr.engine.internal.router.RouteEntry;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-route arrival-to-reply latency since launch, published into four counters per route (count, p50, p99 and
 * max, in ns) that {@code actr stat} shows. Each route's {@link RouteEntry#latencyNs()} recorder has one reader:
 * this class, which folds its interval histograms into one cumulative histogram per route. The engine's duty cycle
 * calls {@link #publishIfDue(long)} (about once a second); {@link #copy(String)} (any thread) publishes the route
 * it copies. Each route is folded under its own lock, held for a few microseconds once a second.
 */
public final class RouteLatencyCounters
{
    /** Counters per route: count, p50, p99, max. */
    public static final int COUNTERS_PER_ROUTE = 4;
    /** How often {@link #publishIfDue(long)} publishes. */
    public static final long PUBLISH_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String[] STATISTICS = {"count", "p50 ns", "p99 ns", "max ns"};
    private static final int STATISTIC_OFFSET = 4;
    private static final int LABEL_ROUTE_MAX = CountersReader.MAX_LABEL_LENGTH - 40;

    private final List<RouteEntry> routes;
    private final Histogram[] cumulative;
    private final Histogram[] interval;
    private final AtomicCounter[] counters;
    private long lastPublishNs;

    /**
     * Allocate the counters of every route.
     *
     * @param countersManager where to allocate them.
     * @param routes          the node's routes, in route-index order.
     * @param nowNs           the engine clock now; the first publish is due a second later.
     */
    public RouteLatencyCounters(final CountersManager countersManager, final List<RouteEntry> routes, final long nowNs)
    {
        this.routes = List.copyOf(routes);
        this.cumulative = new Histogram[routes.size()];
        this.interval = new Histogram[routes.size()];
        this.counters = new AtomicCounter[routes.size() * COUNTERS_PER_ROUTE];
        this.lastPublishNs = nowNs;
        for (int i = 0; i < routes.size(); i++)
        {
            final RouteEntry route = routes.get(i);
            cumulative[i] = new Histogram(3);
            final String key = route.routeKey().length() > LABEL_ROUTE_MAX ?
                route.routeKey().substring(0, LABEL_ROUTE_MAX) + "..." : route.routeKey();
            for (int s = 0; s < COUNTERS_PER_ROUTE; s++)
            {
                final int statistic = s;
                counters[i * COUNTERS_PER_ROUTE + s] = countersManager.newCounter(
                    "route " + key + " latency " + STATISTICS[s],
                    CountersFileDescriptor.ROUTE_LATENCY_TYPE_ID,
                    buffer ->
                    {
                        buffer.putInt(0, route.index());
                        buffer.putInt(STATISTIC_OFFSET, statistic);
                    });
            }
        }
    }

    /**
     * Publish every route's latency when a second has passed since the last time. Engine thread; allocation-free
     * once each route's interval histogram exists.
     *
     * @param nowNs the engine clock now.
     * @return routes published (0 when not yet due).
     */
    public int publishIfDue(final long nowNs)
    {
        if (nowNs - lastPublishNs < PUBLISH_INTERVAL_NS)
        {
            return 0;
        }
        lastPublishNs = nowNs;
        for (int i = 0; i < cumulative.length; i++)
        {
            publish(i);
        }
        return cumulative.length;
    }

    /**
     * Publish a route now and copy its cumulative histogram. Any thread.
     *
     * @param routeKey a registered route.
     * @return a copy of the cumulative histogram of the first actor that registered the route.
     * @throws IllegalArgumentException when no actor registered it.
     */
    public Histogram copy(final String routeKey)
    {
        for (int i = 0; i < routes.size(); i++)
        {
            if (routes.get(i).routeKey().equals(routeKey))
            {
                publish(i);
                synchronized (cumulative[i])
                {
                    return cumulative[i].copy();
                }
            }
        }
        throw new IllegalArgumentException("no such route: " + routeKey);
    }

    private void publish(final int route)
    {
        final Histogram histogram = cumulative[route];
        synchronized (histogram)
        {
            interval[route] = routes.get(route).latencyNs().getIntervalHistogram(interval[route]);
            histogram.add(interval[route]);
            final int base = route * COUNTERS_PER_ROUTE;
            counters[base].setRelease(histogram.getTotalCount());
            counters[base + 1].setRelease(histogram.getValueAtPercentile(50));
            counters[base + 2].setRelease(histogram.getValueAtPercentile(99));
            counters[base + 3].setRelease(histogram.getMaxValue());
        }
    }
}
