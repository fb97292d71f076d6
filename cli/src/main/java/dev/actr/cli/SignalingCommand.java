package dev.actr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code actr signaling --port P --dir D [--nats URL]}: runs the signaling server (with {@code --nats}, one
 * instance of a signaling cluster on NATS JetStream) in the foreground until the process is stopped (Ctrl-C or
 * SIGTERM close it cleanly). Checks its arguments, its directory and the port first, so each
 * mistake is one line: a bad port, a directory that is no directory or cannot be written, a port in use.
 */
@Command(name = "signaling", description = "Run the signaling server until stopped (Ctrl-C).")
final class SignalingCommand implements Callable<Integer>
{
    private static final int MAX_PORT = 65_535;

    private final SignalingLauncher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--port", paramLabel = "P", required = true, description = "Port to listen on (0: any free).")
    int port;

    @Option(names = "--dir", paramLabel = "D", required = true,
        description = "State directory (signing keys, registry); made when missing.")
    Path directory;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--nats", paramLabel = "URL", split = ",",
        description = "NATS server(s) with JetStream (nats://host:4222, comma-separated): run as one instance of a " +
            "signaling cluster that shares its registry, relays and signing keys with the others.")
    List<String> natsUrls = new ArrayList<>();

    @Option(names = "--cluster-name", paramLabel = "NAME",
        description = "The cluster's name, prefix of its NATS subjects and buckets (with --nats; default actr).")
    String clusterName;

    @Option(names = "--instance-id", paramLabel = "ID",
        description = "This instance's id in the cluster (with --nats; default: random).")
    String instanceId;

    SignalingCommand(final SignalingLauncher launcher)
    {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        if (port < 0 || port > MAX_PORT)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--port must be 0 to " + MAX_PORT + ", not " + port);
        }
        requireWritableDirectory(directory);
        if (port != 0)
        {
            requireFreePort(host, port);
        }
        for (final String url : natsUrls)
        {
            if (!url.startsWith("nats://") && !url.startsWith("tls://"))
            {
                throw new CliException(ActrMain.EXIT_USAGE, "--nats takes nats:// or tls:// URLs, not " + url);
            }
        }
        if (natsUrls.isEmpty() && (clusterName != null || instanceId != null))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "--cluster-name and --instance-id need --nats");
        }
        final SignalingLauncher.Running server = launch();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "actr-signaling-shutdown"));
        final PrintWriter out = spec.commandLine().getOut();
        out.println("signaling server listening on " + server.uri() + " (directory " + directory +
            (natsUrls.isEmpty() ? "" : "; cluster on " + String.join(",", natsUrls)) + "); Ctrl-C stops it");
        out.flush();
        stopped.await();
        return ActrMain.EXIT_OK;
    }

    private SignalingLauncher.Running launch()
    {
        try
        {
            return launcher.launch(host, port, directory, natsUrls, clusterName, instanceId);
        }
        catch (final Exception ex)
        {
            if (isPortInUse(ex))
            {
                throw new CliException(ActrMain.EXIT_FAILURE, "port " + port + " is in use");
            }
            throw new CliException(ActrMain.EXIT_FAILURE, "cannot start the signaling server: " + ex.getMessage());
        }
    }

    /**
     * @param failure what starting a server threw.
     * @return whether it failed because the port was taken: a {@link BindException} in the cause chain (NIO), or
     * "Address already in use" in a message (Netty's epoll transport says it in a NativeIoException).
     */
    static boolean isPortInUse(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof BindException ||
                (cause.getMessage() != null && cause.getMessage().contains("Address already in use")))
            {
                return true;
            }
        }
        return false;
    }

    static void requireWritableDirectory(final Path directory)
    {
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw new CliException(ActrMain.EXIT_USAGE, directory + " is not a directory");
        }
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "cannot make the directory " + directory + ": " + ex);
        }
        if (!Files.isWritable(directory))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "the directory " + directory + " is not writable");
        }
    }

    /** A clear line before the server's own bind fails: someone else listens there. */
    static void requireFreePort(final String host, final int port)
    {
        try (ServerSocket probe = new ServerSocket())
        {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        }
        catch (final BindException ex)
        {
            throw new CliException(ActrMain.EXIT_FAILURE,
                (ex.getMessage() != null && ex.getMessage().contains("in use") ? "port " + port + " is in use" :
                "cannot listen on " + host + ":" + port + ": " + ex.getMessage()));
        }
        catch (final IOException ex)
        {
            throw new CliException(ActrMain.EXIT_FAILURE, "cannot listen on " + host + ":" + port + ": " + ex);
        }
    }
}
