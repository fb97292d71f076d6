package dev.actr.lanes.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server} with JetStream for a test: {@code nats-server -js -a 127.0.0.1 -p PORT -sd DIR} on a
 * free loopback port, its store and log in the test's directory, stopped by {@link #close()}. The binary is
 * {@code $ACTR_NATS_SERVER}, else {@code nats-server} on the {@code PATH} (Debian's package {@code nats-server};
 * {@code .ci/test} installs it). When it is missing the test fails, with a message saying how to install it: CI
 * always has it, so a silent skip would hide a broken setup.
 */
public final class NatsServerProcess implements AutoCloseable
{
    /** Environment variable naming the nats-server binary. */
    public static final String BINARY_ENV = "ACTR_NATS_SERVER";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final long STOP_TIMEOUT_S = 10;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path log;

    private NatsServerProcess(final Process process, final int port, final Path log)
    {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Start a JetStream-enabled server on a free loopback port and wait until it is ready.
     *
     * @param dir the test's directory: the store goes to {@code nats-<port>/}, the log to {@code nats-<port>.log}.
     * @return the running server.
     * @throws IOException when it cannot be started.
     */
    public static NatsServerProcess start(final Path dir) throws IOException
    {
        final String binary = binary();
        IOException failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++)
        {
            final int port = freePort();
            final Path store = Files.createDirectories(dir.resolve("nats-" + port));
            final Path log = dir.resolve("nats-" + port + ".log");
            final Process process = new ProcessBuilder(List.of(binary, "-js", "-a", "127.0.0.1",
                "-p", Integer.toString(port), "-sd", store.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            final NatsServerProcess server = new NatsServerProcess(process, port, log);
            try
            {
                Await.until("nats-server ready on port " + port + " (log: " + log + ")",
                    () -> !process.isAlive() || server.logContains("Server is ready"), START_TIMEOUT);
            }
            catch (final AssertionError ex)
            {
                server.close();
                throw ex;
            }
            if (process.isAlive())
            {
                return server;
            }
            failure = new IOException("nats-server exited at start (port " + port + " taken?): " + server.logText());
        }
        throw failure;
    }

    private static String binary()
    {
        final String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isEmpty())
        {
            if (!Files.isExecutable(Path.of(configured)))
            {
                throw new AssertionError(BINARY_ENV + "=" + configured + " is not an executable");
            }
            return configured;
        }
        final String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
        for (final String directory : path.split(File.pathSeparator))
        {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "nats-server")))
            {
                return Path.of(directory, "nats-server").toString();
            }
        }
        throw new AssertionError("nats-server is not installed, and the signaling cluster tests need a real NATS " +
            "server with JetStream: install it (Debian: apt-get install nats-server; bash .ci/test does) or set " +
            BINARY_ENV + " to its path");
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * @return {@code nats://127.0.0.1:<port>}.
     */
    public String url()
    {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * @return the server's log so far.
     */
    public String logText()
    {
        try
        {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    private boolean logContains(final String text)
    {
        return logText().contains(text);
    }

    /**
     * Stop the server (SIGTERM, then SIGKILL if it does not exit in time) and wait for it.
     */
    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
