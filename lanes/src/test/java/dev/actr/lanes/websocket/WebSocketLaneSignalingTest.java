package dev.actr.lanes.websocket;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.signaling.SignalingClient;
import dev.actr.lanes.signaling.SignalingClientContext;
import dev.actr.lanes.signaling.SignalingRegistration;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import dev.actr.lanes.testing.RecordingIngress;
import dev.actr.lanes.testing.RecordingIngress.Event;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static dev.actr.lanes.websocket.WebSocketLaneTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes wired as the engine will wire them: a signaling client gives the lane its identity, the signing keys that
 * verify peers and peers' addresses (discovery); the lane's address is registered with signaling.
 */
@Timeout(60)
class WebSocketLaneSignalingTest
{
    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
    }

    /** A node: signaling client, lane, ingress. */
    private static final class Node
    {
        SignalingClient signaling;
        WebSocketLane lane;
        final RecordingIngress ingress = new RecordingIngress();
        ActrId id;
    }

    private Node node(final SignalingServer server, final String type) throws Exception
    {
        final Node node = new Node();
        node.signaling = SignalingClient.create(new SignalingClientContext()
            .serverUri(server.uri()).actrType(ActrIds.parseType(type)).realmId(5)
            .reconnectDelaysMs(20, 200).random(new Random(3)));
        closeables.add(node.signaling);
        node.lane = new WebSocketLane(new WebSocketLaneContext()
            .identity(node.signaling.localIdentity())
            .keyResolver(node.signaling.keyResolver())
            .addressResolver(node.signaling::wsAddress));
        closeables.add(node.lane);
        node.lane.start(node.ingress);
        node.signaling.start(node.lane.advertisedAddress());
        node.id = node.signaling.registered().get(WAIT_MS, TimeUnit.MILLISECONDS).id();
        return node;
    }

    @Test
    void shouldDialAPeerFoundThroughDiscoveryAndAuthenticateWithSignalingCredentials() throws Exception
    {
        final SignalingServer server = SignalingServer.launch(new SignalingServerContext().directory(dir).port(0));
        closeables.add(server);
        final Node alice = node(server, "acme:alice:1");
        final Node bob = node(server, "acme:bob:1");

        final ActrId found = alice.signaling.discover(ActrIds.parseType("acme:bob:1"))
            .get(WAIT_MS, TimeUnit.MILLISECONDS).candidates().get(0);
        assertThat(found).isEqualTo(bob.id);
        alice.lane.connect(found);

        final Event aliceSide = expect(alice.ingress, "CONNECTED");
        final Event bobSide = expect(bob.ingress, "CONNECTED");
        assertThat(aliceSide.peer).isEqualTo(bob.id);
        assertThat(bobSide.peer).isEqualTo(alice.id);
        final byte[] hello = "hello bob".getBytes(StandardCharsets.US_ASCII);
        assertThat(alice.lane.send(aliceSide.connectionId, 0, new UnsafeBuffer(hello), 0, hello.length))
            .isEqualTo(Lane.OK);
        assertThat(bob.ingress.frame(WAIT_MS).payload).isEqualTo(hello);
    }

    @Test
    void shouldFetchAPeersNewSigningKeyAfterRotation() throws Exception
    {
        final SignalingServer server = SignalingServer.launch(new SignalingServerContext().directory(dir).port(0));
        closeables.add(server);
        final Node alice = node(server, "acme:alice:1");
        final Node bob = node(server, "acme:bob:1");
        assertThat(server.rotateSigningKey().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(2);
        final SignalingRegistration renewed = bob.signaling.renewCredential().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(renewed.credential().getKeyId()).isEqualTo(2);
        assertThat(alice.signaling.signingKeys().signingKey(2, System.currentTimeMillis() / 1000)).isNull();

        bob.lane.connect(alice.id);

        assertThat(expect(bob.ingress, "CONNECTED").peer).isEqualTo(alice.id);
        assertThat(expect(alice.ingress, "CONNECTED").peer).isEqualTo(bob.id);
        assertThat(alice.signaling.signingKeys().signingKey(2, System.currentTimeMillis() / 1000))
            .as("learnt while verifying bob").isNotNull();
        assertThat(alice.lane.authCounters().rejectedTotal()).isZero();
        assertThat(alice.lane.authCounters().rejected(AuthRejection.UNKNOWN_SIGNING_KEY)).isZero();
    }
}
