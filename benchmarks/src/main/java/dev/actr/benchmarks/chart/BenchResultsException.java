package dev.actr.benchmarks.chart;

/**
 * A results directory that cannot be charted: missing, holding no results, or holding a damaged file. The message is
 * one line naming the directory or file and what is wrong with it.
 */
final class BenchResultsException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: what and where.
     */
    public BenchResultsException(final String message)
    {
        super(message);
    }
}
