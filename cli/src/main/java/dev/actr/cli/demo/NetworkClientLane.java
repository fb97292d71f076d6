package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The client side of a network lane for one run: a signaling server embedded in this JVM (on an ephemeral loopback
 * port, its signing keys in a temporary folder deleted on close), and the client node's {@link NodeNetwork} on it.
 * The exchange process is told the server's address ({@code --signaling URI}) and answers {@code READY} with the id
 * the server assigned its node.
 */
final class NetworkClientLane implements DemoClientLane
{
    private final DemoNetworkLane kind;
    private final Path signalingDirectory;
    private final SignalingServer signaling;
    private final NodeNetwork network;
    private boolean closed;

    private NetworkClientLane(
        final DemoNetworkLane kind, final Path signalingDirectory, final SignalingServer signaling)
    {
        this.kind = kind;
        this.signalingDirectory = signalingDirectory;
        this.signaling = signaling;
        this.network = kind.network(signaling.uri(), DemoIds.CLIENT_NODE.getType());
    }

    /**
     * Start the signaling server and make the client node's network.
     *
     * @param kind the lane.
     * @return the client side's lane.
     * @throws UncheckedIOException when the temporary folder cannot be made.
     */
    static NetworkClientLane open(final DemoNetworkLane kind)
    {
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("actr-demo-signaling-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make a folder for the signaling server's keys", ex);
        }
        SignalingServer server = null;
        try
        {
            server = SignalingServer.launch(new SignalingServerContext().port(0).directory(directory)
                .threadFactory(runnable -> new Thread(runnable, "actr-demo-signaling")));
            return new NetworkClientLane(kind, directory, server);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(server);
            delete(directory);
            throw ex;
        }
    }

    @Override
    public Lane lane()
    {
        return network;
    }

    @Override
    public ActrId awaitLocalId(final long timeoutMs)
    {
        return kind.awaitReady(network, timeoutMs);
    }

    @Override
    public List<String> exchangeArguments()
    {
        return List.of("--signaling", signaling.uri());
    }

    @Override
    public ActrId exchangeNodeId(final String readyAddress)
    {
        return ActrIds.parse(readyAddress);
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            network.close();
            signaling.close();
        }
        finally
        {
            delete(signalingDirectory);
        }
    }

    @Override
    public String toString()
    {
        return kind + " via " + signaling.uri();
    }

    private static void delete(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }
}
