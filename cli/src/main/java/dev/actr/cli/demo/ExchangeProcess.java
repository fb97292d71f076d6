package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a {@link DemoExchangeNodeMain} child process: starts it with this JVM's java, class path
 * and actr JVM flags, waits for its {@code READY} line, tells it the client node's id ({@code CLIENT}, answered
 * {@code BOUND}), and stops it with {@code STOP}. Its standard error goes to {@code <dir>.log} beside the node's
 * folder. For the two-process topologies; lane-agnostic.
 *
 * <p>{@link #start} returns at once, so that the child's start (a JVM, its node, its registration) overlaps with
 * whatever the parent does meanwhile; {@link #awaitReady} then waits for it.
 */
public final class ExchangeProcess implements AutoCloseable
{
    /** Put in the line queue when the child's output ends; no line it prints can hold a NUL. */
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ExchangeProcess(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(this::readLines, "actr-demo-exchange-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start the exchange side in a child process; {@link #awaitReady} waits until it is ready.
     *
     * @param directory the child node's folder, empty or absent.
     * @param lane      the lane's name ({@link DemoLaneBinding#name()}).
     * @param arguments more arguments of {@link DemoExchangeNodeMain} ({@link DemoClientLane#exchangeArguments}).
     * @return the starting child.
     * @throws UncheckedIOException when the process cannot be started.
     */
    public static ExchangeProcess start(final Path directory, final String lane, final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(actrJvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DemoExchangeNodeMain.class.getName(),
            "--dir", directory.toString(), "--lane", lane));
        command.addAll(arguments);
        try
        {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            return new ExchangeProcess(new ProcessBuilder(command)
                .redirectError(directory.resolveSibling(directory.getFileName() + ".log").toFile())
                .start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the exchange process", ex);
        }
    }

    /**
     * Wait for the child's {@code READY} line.
     *
     * @param timeoutMs longest wait.
     * @return what the child's lane binding said after {@code READY}.
     * @throws IllegalStateException when it failed or was not ready in time (it is then killed).
     */
    public String awaitReady(final long timeoutMs)
    {
        return awaitLine("READY ", "ready", timeoutMs);
    }

    /**
     * Tell the child the client node's id, where its market data streams to, and wait until it has it.
     *
     * @param clientNode the client node's id.
     * @param timeoutMs  longest wait for {@code BOUND}.
     * @throws IllegalStateException when the child did not take it in time (it is then killed).
     */
    public void bindClient(final ActrId clientNode, final long timeoutMs)
    {
        tell("CLIENT " + ActrIds.format(clientNode));
        final String bound = awaitLine("BOUND ", "bound to the client node", timeoutMs);
        if (!bound.equals(ActrIds.format(clientNode)))
        {
            process.destroyForcibly();
            throw new IllegalStateException("the exchange process bound " + bound + ", not " +
                ActrIds.format(clientNode));
        }
    }

    /**
     * Tell the child to stop and wait for it; kill it if it does not exit in time.
     *
     * @param timeoutMs longest wait.
     * @return its exit code, or -1 when it had to be killed.
     */
    public int stop(final long timeoutMs)
    {
        if (process.isAlive())
        {
            tell("STOP");
        }
        try
        {
            if (process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                return process.exitValue();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    /**
     * @return true when the child said {@code STOPPED} before it exited.
     */
    public boolean stoppedCleanly()
    {
        return lines.contains("STOPPED");
    }

    /**
     * Stop the child, waiting up to 30 s.
     */
    @Override
    public void close()
    {
        stop(TimeUnit.SECONDS.toMillis(30));
    }

    private void tell(final String line)
    {
        try
        {
            final OutputStream stdin = process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (final IOException ignored)
        {
            // it is gone already: the wait for its answer, or its exit code, tells
        }
    }

    private String awaitLine(final String prefix, final String what, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try
        {
            while (true)
            {
                final String line = lines.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null)
                {
                    process.destroyForcibly();
                    throw new IllegalStateException("the exchange process was not " + what + " within " +
                        timeoutMs + " ms");
                }
                if (line.startsWith(prefix))
                {
                    return line.substring(prefix.length());
                }
                if (line.startsWith("FAILED ") || EOF.equals(line))
                {
                    process.destroyForcibly();
                    throw new IllegalStateException("the exchange process " + (what.equals("ready") ?
                        "did not start" : "failed") + ": " +
                        (EOF.equals(line) ? "it exited" : line.substring("FAILED ".length())));
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted waiting for the exchange process", ex);
        }
    }

    private void readLines()
    {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ignored)
        {
            // the process is gone
        }
        lines.add(EOF);
    }

    /**
     * @return the flags this JVM was started with that every actr JVM needs (module exports and opens, native
     * access, Chronicle's properties): the child needs the same.
     */
    static List<String> actrJvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-exports") || argument.startsWith("--add-opens") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc-unsafe") ||
                argument.startsWith("-Dchronicle."))
            {
                flags.add(argument);
            }
        }
        return flags;
    }
}
