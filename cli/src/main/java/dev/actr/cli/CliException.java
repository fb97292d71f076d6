package dev.actr.cli;

import dev.actr.engine.internal.Preflight;

import java.util.List;

/**
 * A failure a command reports as one line on stderr, with the exit status to end with.
 */
final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    CliException(final int exitStatus, final String message)
    {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    int exitStatus()
    {
        return exitStatus;
    }

    /**
     * Fail with one line when this JVM lacks the flags Agrona (and, when asked, Chronicle) need, before either
     * fails in its own way.
     *
     * @param chronicle whether the command reads Chronicle queues.
     * @throws CliException naming the missing flags.
     */
    static void requireJvmFlags(final boolean chronicle)
    {
        final List<String> missing = Preflight.missingFlags(chronicle);
        if (!missing.isEmpty())
        {
            throw new CliException(ActrMain.EXIT_FAILURE, Preflight.message(missing) + "; ./actr passes them");
        }
    }
}
