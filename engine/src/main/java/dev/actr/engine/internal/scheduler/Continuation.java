package dev.actr.engine.internal.scheduler;

/**
 * A reply handle whose continuation the calling actor's context runs once the reply completed.
 */
interface Continuation
{
    /**
     * Run the attached handler with the outcome.
     */
    void invokeHandler();
}
