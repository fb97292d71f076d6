package dev.actr.cli.demo;

/**
 * Told how far a lane's run is, from the host's sending thread.
 */
interface DemoProgress extends AutoCloseable
{
    /** Shows nothing. */
    DemoProgress NONE = completed -> { };

    /**
     * @param completed requests answered so far.
     */
    void onProgress(long completed);

    /**
     * The lane's run is over.
     */
    @Override
    default void close()
    {
    }
}
