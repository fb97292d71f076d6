package dev.actr.engine.contract;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.actor.Routes;
import dev.actr.journal.testing.ChildJvm;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.websocket.LaneCounter;
import dev.actr.lanes.network.NodeNetworkContext;
import dev.actr.lanes.signaling.SignalingServerMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three processes: a signaling server, a node in this JVM and a node in a child JVM. Both register, find each other
 * by type, complete 10,000 calls each way over an authenticated WebSocket connection, and 100 MB of reliable-stream
 * chunks arrive byte-exact and in order.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoJvmNetworkTest
{
    private static final ActrType ALPHA = ActrIds.parseType("contract:alpha:1");
    private static final ActrType BETA = ActrIds.parseType("contract:beta:1");
    private static final RouteKey PUMP = RouteKey.of("contract.Pump.Send");
    private static final int CALLS = 10_000;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long STREAM_BYTES = 100L * 1024 * 1024;

    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private boolean passed;

    @BeforeEach
    void createDirectory(final TestInfo info) throws IOException
    {
        root = Files.createDirectories(Path.of("target", "two-jvm-network-test",
            info.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis()).toAbsolutePath());
    }

    @AfterEach
    void stopChildren() throws IOException, InterruptedException
    {
        ChildJvm.cleanUp(children, root, passed);
    }

    @Test
    void shouldCallBothWaysAndStreamAHundredMegabytesAcrossProcesses() throws Exception
    {
        final int port = freePort();
        final ChildJvm signaling = ChildJvm.start(root, 1, "actr signaling listening", SignalingServerMain.class,
            List.of("--port", Integer.toString(port), "--dir", root.resolve("signaling").toString()));
        children.add(signaling);
        signaling.awaitReady();
        final String uri = "ws://127.0.0.1:" + port + "/signaling";
        final Pump pump = new Pump(new Random(42));
        final NodeNetwork network = new NodeNetwork(new NodeNetworkContext().signalingUri(uri).actrType(ALPHA));
        try (ActrNode node = ActrNode.launch(new NodeContext().actor(ActrIds.parse("a1@1/contract:alpha:1"), pump)
            .lane(network)))
        {
            network.registered().get(30, TimeUnit.SECONDS);
            final ChildJvm child = ChildJvm.start(root, 2, "READY", NetworkNodeChild.class, List.of(uri,
                "contract:beta:1", "contract:alpha:1", Integer.toString(CALLS), Long.toString(STREAM_BYTES)));
            children.add(child);
            child.awaitReady();
            final ActrId beta = node.host().discover(BETA).get(30, TimeUnit.SECONDS).get(0);
            pump.target(beta);

            assertThat(callMany(node, beta)).as("calls answered by the other process").isEqualTo(CALLS);
            final String sent = stream(node, pump);

            final String callsLine = awaitLine(child, "CALLS ", node, network);
            assertThat(callsLine).as("calls the other process made to this one").isEqualTo("CALLS " + CALLS);
            assertThat(awaitLine(child, "STREAM ", node, network)).isEqualTo("STREAM " + STREAM_BYTES + " " + sent);
            child.awaitExit(0);
        }
        passed = true;
    }

    private static int callMany(final ActrNode node, final ActrId peer) throws Exception
    {
        final Semaphore window = new Semaphore(64);
        final List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++)
        {
            window.acquire();
            final long value = i;
            calls.add(node.host().call(Dest.peer(peer), ContractActor.ECHO, Int64Value.of(value), Int64Value.parser(),
                30_000).thenApply(reply -> reply.getValue() == value + 1).whenComplete((ok, error) ->
                window.release()));
        }
        int answered = 0;
        for (final CompletableFuture<Boolean> call : calls)
        {
            answered += call.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        return answered;
    }

    /**
     * Ask the pump actor to send until the stream's bytes are out; it stops a turn when the lane pushes back.
     */
    private static String stream(final ActrNode node, final Pump pump) throws Exception
    {
        while (node.host().callBlocking(Dest.workload(ActrIds.parse("a1@1/contract:alpha:1")), PUMP,
            Int64Value.of(STREAM_BYTES), Int64Value.parser(), 30_000).getValue() < STREAM_BYTES)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return pump.digest();
    }

    private String awaitLine(final ChildJvm child, final String prefix, final ActrNode node,
        final NodeNetwork network) throws Exception
    {
        final Path file = root.resolve("child-2.out");
        final long deadlineNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (Files.exists(file))
            {
                for (final String line : Files.readAllLines(file))
                {
                    if (line.startsWith(prefix))
                    {
                        return line;
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        final StringBuilder lane = new StringBuilder();
        for (final LaneCounter counter : LaneCounter.values())
        {
            lane.append(counter).append('=').append(network.webSocket().counter(counter)).append('\n');
        }
        fail("no line " + prefix + " from the child: " + child.diagnosis() + "\nthis node's counters:\n" +
            node.counters() + "\nits lane's:\n" + lane);
        return null;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /** Answers echoes, and sends the bulk stream to the beta node, as much per call as the lane takes. */
    private static final class Pump implements Actor
    {
        private final Random random;
        private final MessageDigest sha256;
        private final byte[] payload = new byte[CHUNK_BYTES];
        private volatile ActrId target;
        private ByteString next;
        private long sent;
        private long sequence;

        Pump(final Random random) throws Exception
        {
            this.random = random;
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }

        void target(final ActrId target)
        {
            this.target = target;
        }

        @Override
        public void onRegister(final Routes routes)
        {
            routes.handle(ContractActor.ECHO, Int64Value.parser(), (ctx, request) ->
                Int64Value.of(request.getValue() + 1));
            routes.handle(PUMP, Int64Value.parser(), (ctx, total) -> Int64Value.of(send(ctx, total.getValue())));
        }

        private long send(final ActorContext ctx, final long total)
        {
            while (sent < total)
            {
                if (next == null)
                {
                    random.nextBytes(payload);
                    next = ByteString.copyFrom(payload, 0, (int)Math.min(CHUNK_BYTES, total - sent));
                }
                final DataChunk chunk = DataChunk.newBuilder().setStreamId(NetworkNodeChild.STREAM_ID)
                    .setSequence(sequence).setPayload(next).build();
                if (ctx.sendChunk(Dest.peer(target), chunk, PayloadType.STREAM_RELIABLE) != ActorContext.SEND_OK)
                {
                    break; // the lane pushes back: the next call goes on from here
                }
                sha256.update(next.asReadOnlyByteBuffer());
                sent += next.size();
                sequence++;
                next = null;
            }
            return sent;
        }

        String digest()
        {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
