package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.lanes.network.LanePreference;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.network.NodeNetworkContext;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import dev.actr.lanes.testing.NatsServerProcess;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on a real signaling server that connect over WebRTC only: the SDP and ICE go through the signaling
 * relay, and the DataChannel connection is authenticated by the same peer session as WebSocket connections (the
 * credential signed by the signaling service, nonces signed by the node keys it binds). Runs in the test network
 * namespace.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalingWebRtcTest
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
            .preference(LanePreference.WEBRTC_ONLY)
            .webRtc(parts -> new WebRtcLane(new WebRtcLaneContext().localId(parts.localId())
                .relayChannel(parts.relay()).authenticator(parts.authenticator()))));
    }

    @Test
    void shouldConnectOverWebRtcThroughTheSignalingRelayAndCallBothWays() throws Exception
    {
        try (SignalingServer server = SignalingServer.launch(new SignalingServerContext().port(0).directory(dir)))
        {
            callBothWaysOverWebRtc(server.uri(), server.uri());
        }
    }

    /** The same across two instances of a signaling cluster: the SDP and ICE relays cross NATS. */
    @Test
    void shouldConnectOverWebRtcWhenThePeersAreOnDifferentClusterInstances() throws Exception
    {
        try (NatsServerProcess nats = NatsServerProcess.start(dir);
            SignalingServer one = SignalingServer.launch(new SignalingServerContext().port(0)
                .directory(dir.resolve("one")).nats(nats.url()));
            SignalingServer two = SignalingServer.launch(new SignalingServerContext().port(0)
                .directory(dir.resolve("two")).nats(nats.url())))
        {
            callBothWaysOverWebRtc(one.uri(), two.uri());
        }
    }

    private static void callBothWaysOverWebRtc(final String alphaSignalingUri, final String betaSignalingUri)
        throws Exception
    {
        final NodeNetwork alphaNet = network(alphaSignalingUri, ALPHA);
        final NodeNetwork betaNet = network(betaSignalingUri, BETA);
        try (ActrNode alpha = ActrNode.launch(new NodeContext()
                .actor(LaneContractSuite.NODE_A, new ContractActor(LaneContractSuite.NODE_B)).lane(alphaNet));
            ActrNode beta = ActrNode.launch(new NodeContext()
                .actor(LaneContractSuite.NODE_B, new ContractActor(LaneContractSuite.NODE_A)).lane(betaNet)))
        {
            alphaNet.webRtc().get(10, TimeUnit.SECONDS);
            betaNet.webRtc().get(10, TimeUnit.SECONDS);
            final ActrId betaId = discoverOne(alpha, BETA);

            for (int i = 0; i < 100; i++)
            {
                assertThat(alpha.host().call(Dest.peer(betaId), ContractActor.ECHO, Int64Value.of(i),
                    Int64Value.parser(), 10_000).get(15, TimeUnit.SECONDS).getValue()).isEqualTo(i + 1);
            }
            final ActrId alphaId = discoverOne(beta, ALPHA);
            assertThat(beta.host().call(Dest.peer(alphaId), ContractActor.ECHO, Int64Value.of(41),
                Int64Value.parser(), 10_000).get(15, TimeUnit.SECONDS).getValue()).isEqualTo(42);
            assertThat(alphaNet.webSocket().connectionCount()).as("nothing went over WebSocket").isZero();
            assertThat(alpha.counter(SystemCounter.PEERS_CONNECTED)).isGreaterThanOrEqualTo(1);
        }
    }

    /** Discovery across cluster instances is eventually consistent (each instance watches the registry bucket). */
    private static ActrId discoverOne(final ActrNode node, final ActrType type)
    {
        final List<ActrId> found = new ArrayList<>();
        LaneContractSuite.await(() ->
        {
            found.clear();
            try
            {
                found.addAll(node.host().discover(type).get(10, TimeUnit.SECONDS));
            }
            catch (final Exception ex)
            {
                return false;
            }
            return !found.isEmpty();
        }, "discovery finds the " + type.getName() + " node");
        return found.get(0);
    }
}
