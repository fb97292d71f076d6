package dev.actr.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code actr signaling} starts the signaling server: the seam between the command (arguments, directory and
 * port checks, running until stopped) and the server itself ({@code dev.actr.lanes.signaling.SignalingServer}
 * launched from a {@code SignalingServerContext}).
 */
@FunctionalInterface
public interface SignalingLauncher
{
    /**
     * Start the server, listening before this returns.
     *
     * @param host      the address to listen on.
     * @param port      the port to listen on (0: any free port).
     * @param directory the server's state directory (signing keys, registry); it exists.
     * @return the running server.
     * @throws Exception when it cannot start; a {@link java.net.BindException} anywhere in the cause chain is reported
     *                   as the port being in use.
     */
    Running launch(String host, int port, Path directory) throws Exception;

    /**
     * Start one instance of a signaling cluster on NATS JetStream, listening before this returns.
     *
     * @param host        the address to listen on.
     * @param port        the port to listen on (0: any free port).
     * @param directory   the instance's state directory (its signing keys); it exists.
     * @param natsUrls    the NATS servers ({@code nats://host:port}); empty: a single instance, as
     *                    {@link #launch(String, int, Path)}.
     * @param clusterName the cluster's name (prefix of its subjects and buckets), or null for the default.
     * @param instanceId  this instance's id in the cluster, or null for a random one.
     * @return the running server.
     * @throws Exception when it cannot start.
     */
    default Running launch(
        final String host, final int port, final Path directory, final List<String> natsUrls,
        final String clusterName, final String instanceId) throws Exception
    {
        if (natsUrls.isEmpty())
        {
            return launch(host, port, directory);
        }
        throw new UnsupportedOperationException("this launcher starts no signaling cluster");
    }

    /**
     * A running signaling server.
     */
    interface Running extends AutoCloseable
    {
        /**
         * @return the address clients connect to, e.g. {@code ws://127.0.0.1:8765/signaling}.
         */
        String uri();

        /**
         * Stop the server and release its directory.
         */
        @Override
        void close();
    }
}
