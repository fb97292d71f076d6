package dev.actr.engine.replay;

/**
 * The outcome of a replay: either every output was identical, or the first divergence — the dispatch sequence
 * at which the replayed actors first did something else, the route of that input, and what was recorded versus
 * what the replay produced.
 */
public final class ReplayReport
{
    private final long inputs;
    private final long divergenceSequence;
    private final String routeKey;
    private final String expected;
    private final String actual;

    private ReplayReport(
        final long inputs, final long divergenceSequence, final String routeKey, final String expected,
        final String actual)
    {
        this.inputs = inputs;
        this.divergenceSequence = divergenceSequence;
        this.routeKey = routeKey;
        this.expected = expected;
        this.actual = actual;
    }

    static ReplayReport identical(final long inputs)
    {
        return new ReplayReport(inputs, -1, null, null, null);
    }

    static ReplayReport divergence(
        final long inputs, final long sequence, final String routeKey, final String expected, final String actual)
    {
        return new ReplayReport(inputs, sequence, routeKey, expected, actual);
    }

    /**
     * @return true when every output of the replay equalled the recorded one.
     */
    public boolean isIdentical()
    {
        return divergenceSequence < 0;
    }

    /**
     * @return inputs replayed (up to and including the diverging one).
     */
    public long inputs()
    {
        return inputs;
    }

    /**
     * @return dispatch sequence of the first divergence, or -1.
     */
    public long divergenceSequence()
    {
        return divergenceSequence;
    }

    /**
     * @return route key of the diverging input, when it has one.
     */
    public String routeKey()
    {
        return routeKey;
    }

    /**
     * @return what was recorded at the divergence.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return what the replay produced at the divergence.
     */
    public String actual()
    {
        return actual;
    }

    @Override
    public String toString()
    {
        return isIdentical() ? "replayed " + inputs + " inputs, outputs identical" :
            "diverged at dispatch #" + divergenceSequence + " (route " + routeKey + ") after " + inputs +
            " inputs: expected " + expected + ", actual " + actual;
    }
}
