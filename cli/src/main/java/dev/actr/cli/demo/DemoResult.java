package dev.actr.cli.demo;

import java.util.Collections;
import java.util.List;

/**
 * The results of {@code actr demo}: one {@link LaneResult} per lane, and the checks across lanes.
 */
public final class DemoResult
{
    /** Exit code when every check passed. */
    public static final int EXIT_OK = 0;
    /** Exit code when a check failed. */
    public static final int EXIT_FAILED = 1;

    private final long seed;
    private final List<LaneResult> lanes;
    private final List<String> failures;
    private final String json;

    DemoResult(final long seed, final List<LaneResult> lanes, final List<String> failures, final String json)
    {
        this.seed = seed;
        this.lanes = List.copyOf(lanes);
        this.failures = List.copyOf(failures);
        this.json = json;
    }

    /**
     * @return the seed of the order flow.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @return the lanes' results, in the order run.
     */
    public List<LaneResult> lanes()
    {
        return lanes;
    }

    /**
     * @return every failed check, the lanes' (prefixed with the lane) and those across lanes.
     */
    public List<String> failures()
    {
        return Collections.unmodifiableList(failures);
    }

    /**
     * @return true when every check passed: on each lane no request lost, the exchange saw the requests in order,
     * the host's, exchange's and subscriber's fingerprints agree, the streams are complete and in order, the replay
     * is identical; and the fingerprint is the same on every lane.
     */
    public boolean passed()
    {
        return failures.isEmpty();
    }

    /**
     * @return {@link #EXIT_OK} when every check passed, else {@link #EXIT_FAILED}.
     */
    public int exitCode()
    {
        return passed() ? EXIT_OK : EXIT_FAILED;
    }

    /**
     * @return the results as one JSON document (what {@code --json} prints).
     */
    public String toJson()
    {
        return json;
    }
}
