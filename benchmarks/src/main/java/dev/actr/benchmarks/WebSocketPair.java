package dev.actr.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Dest;
import dev.actr.lanes.network.LanePreference;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.network.NodeNetworkContext;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes of this JVM joined by the real WebSocket lane, as two nodes on two hosts would be: an embedded
 * {@link SignalingServer} on an ephemeral loopback port (its keys in a temporary folder), and each node on a
 * {@link NodeNetwork} (WebSocket only) that registers with it, gets its id and credential, and authenticates the
 * connection with the peer session. The caller node has no actor (its host calls); the echo node has the echo
 * actor of {@link BenchNodes}. The connection is made and checked by one call before {@link #launch} returns.
 *
 * <p>Durable: both nodes keep their mailbox in a temporary folder ({@code FsyncPolicy.NONE}) with the replay journal
 * on; otherwise both are in memory. {@link #close()} stops both nodes and the server and deletes the folders.
 */
final class WebSocketPair implements AutoCloseable
{
    private static final ActrType CALLER_TYPE = ActrType.newBuilder().setManufacturer("bench").setName("caller")
        .setVersion("1").build();
    private static final ActrType ECHO_TYPE = ActrType.newBuilder().setManufacturer("bench").setName("echo")
        .setVersion("1").build();
    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final Path directory;
    private SignalingServer signaling;
    private ActrNode caller;
    private ActrNode echo;
    private Dest echoDest;

    private WebSocketPair(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param durable both nodes durable with the replay journal on; false: both in memory.
     * @return the connected pair.
     */
    static WebSocketPair launch(final boolean durable)
    {
        final WebSocketPair pair = new WebSocketPair(BenchNodes.tempDirectory("actr-websocket-bench"));
        try
        {
            pair.start(durable);
            return pair;
        }
        catch (final RuntimeException | Error ex)
        {
            pair.close();
            throw ex;
        }
    }

    private void start(final boolean durable)
    {
        signaling = SignalingServer.launch(new SignalingServerContext().port(0)
            .directory(directory.resolve("signaling")));
        final NodeNetwork echoNet = network(ECHO_TYPE);
        echo = ActrNode.launch(node(durable, "echo").actor(BenchNodes.ECHO, BenchNodes.echoActor()).lane(echoNet));
        final NodeNetwork callerNet = network(CALLER_TYPE);
        caller = ActrNode.launch(node(durable, "caller").lane(callerNet));
        try
        {
            callerNet.registered().get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            final ActrId echoId = echoNet.registered().get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS).id();
            echoDest = Dest.peer(echoId);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the nodes did not register with signaling", ex);
        }
        final BytesValue hello = BytesValue.of(ByteString.copyFromUtf8("hello"));
        final BytesValue reply = caller.host().callBlocking(echoDest, BenchNodes.BYTES_ECHO_ROUTE, hello,
            BytesValue.parser(), CONNECT_TIMEOUT_MS);
        if (!hello.equals(reply))
        {
            throw new IllegalStateException("the echo node answered " + reply + " to " + hello);
        }
    }

    private NodeNetwork network(final ActrType type)
    {
        return new NodeNetwork(new NodeNetworkContext().signalingUri(signaling.uri()).actrType(type)
            .preference(LanePreference.WEBSOCKET_ONLY));
    }

    private NodeContext node(final boolean durable, final String name)
    {
        final NodeContext ctx = new NodeContext();
        if (durable)
        {
            ctx.directory(directory.resolve(name)).journalEnabled(true);
        }
        return ctx;
    }

    /**
     * @return the node whose host calls.
     */
    ActrNode caller()
    {
        return caller;
    }

    /**
     * @return the node with the echo actor.
     */
    ActrNode echo()
    {
        return echo;
    }

    /**
     * @return the echo actor, as a peer of the caller node.
     */
    Dest echoDest()
    {
        return echoDest;
    }

    /**
     * @param name a node's name: {@code caller} or {@code echo}.
     * @return its folder (its replay journal is in {@code journal/} when durable).
     */
    Path nodeDirectory(final String name)
    {
        return directory.resolve(name);
    }

    /**
     * Throw when either node counted errors, refused or dropped messages.
     *
     * @param what the case, for the message.
     */
    void checkClean(final String what)
    {
        BenchNodes.checkClean(caller, what + " (caller node)");
        BenchNodes.checkClean(echo, what + " (echo node)");
    }

    /**
     * Stop the caller node, the echo node and the server; delete the folders.
     */
    @Override
    public void close()
    {
        try
        {
            CloseHelper.closeAll(caller, echo, signaling);
        }
        finally
        {
            BenchNodes.deleteRecursively(directory);
        }
    }
}
