package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.network.NodeNetworkContext;
import dev.actr.lanes.signaling.SignalingClientContext;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import dev.actr.lanes.testing.NatsServerProcess;
import dev.actr.lanes.testing.SignalingInstanceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.actr.engine.contract.LaneContractSuite.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes registered on different instances of a signaling cluster (a real nats-server with JetStream; one
 * instance in a child JVM, one in this JVM) find each other, connect over their WebSocket lanes and call each
 * other; when the child JVM's instance is killed (SIGKILL), the calls go on over the established connection, its
 * node registers again on the other instance under the same id, and discovery still finds it.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalingClusterNetworkTest
{
    private static final long HEARTBEAT_MS = 500;
    private static final ActrType ALPHA = ActrType.newBuilder().setManufacturer("acme").setName("alpha")
        .setVersion("1").build();
    private static final ActrType BETA = ActrType.newBuilder().setManufacturer("acme").setName("beta")
        .setVersion("1").build();

    @TempDir
    Path dir;

    private static NodeNetwork network(final ActrType type, final String... signalingUris)
    {
        return new NodeNetwork(new NodeNetworkContext().signalingUris(signalingUris).actrType(type)
            .signaling(new SignalingClientContext().reconnectDelaysMs(50, 500).discoveryCacheTtlMs(0)));
    }

    private static ActrNode node(final ActrId localId, final NodeNetwork network)
    {
        return ActrNode.launch(new NodeContext().actor(localId, new ContractActor(localId)).lane(network));
    }

    @Test
    void shouldCallAcrossInstancesAndKeepCallingWhenOneInstanceIsKilled() throws Exception
    {
        try (NatsServerProcess nats = NatsServerProcess.start(dir);
            SignalingInstanceProcess killed = SignalingInstanceProcess.start(dir, "killed", List.of("--nats",
                nats.url(), "--heartbeat-ms", Long.toString(HEARTBEAT_MS)));
            SignalingServer survivor = SignalingServer.launch(new SignalingServerContext().port(0)
                .directory(dir.resolve("survivor")).heartbeatIntervalMs(HEARTBEAT_MS).nats(nats.url())))
        {
            final NodeNetwork alphaNet = network(ALPHA, killed.uri(), survivor.uri());
            final NodeNetwork betaNet = network(BETA, survivor.uri(), killed.uri());
            try (ActrNode alpha = node(LaneContractSuite.NODE_A, alphaNet);
                ActrNode beta = node(LaneContractSuite.NODE_B, betaNet))
            {
                final ActrId alphaId = alphaNet.registered().get(20, TimeUnit.SECONDS).id();
                final ActrId betaId = betaNet.registered().get(20, TimeUnit.SECONDS).id();
                assertThat(alphaNet.signaling().currentServerUri()).isEqualTo(killed.uri());
                assertThat(betaNet.signaling().currentServerUri()).isEqualTo(survivor.uri());

                await(() -> discover(alpha, BETA).contains(betaId), "alpha finds beta, registered on another instance");
                for (int i = 0; i < 100; i++)
                {
                    assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(i),
                        Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(i + 1);
                }
                await(() -> discover(beta, ALPHA).contains(alphaId), "beta finds alpha");
                assertThat(beta.host().call(Dest.peer(alphaId), ContractActor.ECHO, Int64Value.of(41),
                    Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(42);

                killed.kill();
                assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(7),
                    Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS).getValue())
                    .as("the peer connection outlives alpha's signaling instance").isEqualTo(8);
                await(() -> alphaNet.signaling().isRegistered() &&
                    survivor.uri().equals(alphaNet.signaling().currentServerUri()), "alpha moved to the survivor");
                assertThat(alphaNet.localId()).as("under the same id").isEqualTo(alphaId);
                await(() -> discover(beta, ALPHA).contains(alphaId), "discovery still finds alpha");
                assertThat(beta.host().call(Dest.peer(alphaId), ContractActor.ECHO, Int64Value.of(9),
                    Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(10);
                assertThat(alpha.counter(SystemCounter.PEER_CONNECTS)).as("one connection all along").isEqualTo(1);
            }
        }
    }

    private static List<ActrId> discover(final ActrNode node, final ActrType type)
    {
        try
        {
            return node.host().discover(type).get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            return List.of();
        }
    }
}
