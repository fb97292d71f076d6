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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.actr.engine.contract.LaneContractSuite.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes on a real signaling server and WebSocket lanes: they register, find each other by type, connect on demand
 * (authenticated) and call each other; when the signaling server restarts they register again and discovery and
 * calls go on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalingNetworkTest
{
    private static final ActrType ALPHA = ActrType.newBuilder().setManufacturer("acme").setName("alpha")
        .setVersion("1").build();
    private static final ActrType BETA = ActrType.newBuilder().setManufacturer("acme").setName("beta")
        .setVersion("1").build();

    @TempDir
    Path dir;

    private static NodeNetwork network(final String signalingUri, final ActrType type)
    {
        return new NodeNetwork(new NodeNetworkContext().signalingUri(signalingUri).actrType(type)
            .signaling(new SignalingClientContext().reconnectDelaysMs(50, 500).heartbeatIntervalMs(500)
                .discoveryCacheTtlMs(100)));
    }

    private static ActrNode node(final ActrId localId, final NodeNetwork network)
    {
        return ActrNode.launch(new NodeContext().actor(localId, new ContractActor(localId)).lane(network));
    }

    @Test
    void shouldRegisterDiscoverConnectAndCallThroughSignalingAndResumeAfterItRestarts() throws Exception
    {
        final SignalingServerContext serverCtx = new SignalingServerContext().port(0).directory(dir)
            .heartbeatIntervalMs(500);
        SignalingServer server = SignalingServer.launch(serverCtx);
        final int port = server.port();
        final NodeNetwork alphaNet = network(server.uri(), ALPHA);
        final NodeNetwork betaNet = network(server.uri(), BETA);
        try (ActrNode alpha = node(LaneContractSuite.NODE_A, alphaNet);
            ActrNode beta = node(LaneContractSuite.NODE_B, betaNet))
        {
            alphaNet.registered().get(10, TimeUnit.SECONDS);
            final ActrId betaId = betaNet.registered().get(10, TimeUnit.SECONDS).id();

            final List<ActrId> found = alpha.host().discover(BETA).get(10, TimeUnit.SECONDS);
            assertThat(found).containsExactly(betaId);
            for (int i = 0; i < 100; i++)
            {
                assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(i),
                    Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(i + 1);
            }
            final ActrId alphaId = beta.host().discover(ALPHA).get(10, TimeUnit.SECONDS).get(0);
            assertThat(beta.host().call(Dest.peer(alphaId), ContractActor.ECHO, Int64Value.of(41), Int64Value.parser(),
                5_000).get(10, TimeUnit.SECONDS).getValue()).as("the same connection, the other way").isEqualTo(42);
            assertThat(alpha.counter(SystemCounter.PEER_CONNECTS)).isEqualTo(1);

            server.close();
            assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(7), Int64Value.parser(),
                5_000).get(10, TimeUnit.SECONDS).getValue()).as("peer connections outlive signaling").isEqualTo(8);
            server = SignalingServer.launch(serverCtx.port(port));
            await(() -> alphaNet.signaling().connectAttempts() > 1 && alphaNet.signaling().isRegistered() &&
                betaNet.signaling().isRegistered(), "both nodes registered again");
            await(() -> discover(alpha, BETA).contains(betaId), "discovery answers again, with the same id");
            assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(9), Int64Value.parser(),
                5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(10);
        }
        finally
        {
            server.close();
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
