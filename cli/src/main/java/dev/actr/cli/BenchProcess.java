package dev.actr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs one process of {@code actr bench} (JMH, the suite script, the chart) with this command's input, copying its
 * output and errors line by line to the command's own writers as they come.
 */
final class BenchProcess
{
    private BenchProcess()
    {
    }

    /**
     * @param command the process's command line.
     * @param out     where its output goes.
     * @param err     where its errors go.
     * @return its exit status.
     * @throws InterruptedException if interrupted while it runs (it is then destroyed).
     * @throws UncheckedIOException when it cannot be started.
     */
    static int run(final List<String> command, final PrintWriter out, final PrintWriter err)
        throws InterruptedException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + ex.getMessage(), ex);
        }
        final Thread errCopier = copier(process.getErrorStream(), err);
        try
        {
            copy(process.getInputStream(), out);
            errCopier.join();
            return process.waitFor();
        }
        finally
        {
            process.destroy();
        }
    }

    private static Thread copier(final InputStream in, final PrintWriter to)
    {
        final Thread thread = new Thread(() -> copy(in, to), "actr-bench-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copy(final InputStream in, final PrintWriter to)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                to.println(line);
                to.flush();
            }
        }
        catch (final IOException ex)
        {
            to.println("actr bench: output cut short: " + ex.getMessage());
        }
    }
}
