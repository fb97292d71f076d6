package dev.actr.lanes.websocket;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.session.AuthRejectionCounters;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.testing.RecordingIngress;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lanes of test nodes on loopback ephemeral ports, with credentials from one {@link TestCredentials} issuer and a
 * shared address book; closed after each test.
 */
final class LaneFixture implements AutoCloseable
{
    static final long WAIT_MS = 5_000;

    final TestCredentials issuer = new TestCredentials();
    final Map<ActrId, String> addresses = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A started lane with its node and ingress. */
    static final class Node
    {
        final TestCredentials.Node identity;
        final WebSocketLane lane;
        final RecordingIngress ingress;

        Node(final TestCredentials.Node identity, final WebSocketLane lane, final RecordingIngress ingress)
        {
            this.identity = identity;
            this.lane = lane;
            this.ingress = ingress;
        }

        ActrId id()
        {
            return identity.id;
        }
    }

    WebSocketLaneContext context(final TestCredentials.Node node)
    {
        return new WebSocketLaneContext()
            .identity(node.identity())
            .keyResolver(issuer.ring())
            .epochClock(issuer.clock())
            .addressResolver(PeerAddressResolver.of(addresses))
            .handshakeTimeoutMs(3_000)
            .connectTimeoutMs(2_000);
    }

    Node node(final String id)
    {
        final TestCredentials.Node identity = issuer.node(id);
        return start(identity, context(identity));
    }

    Node start(final TestCredentials.Node identity, final WebSocketLaneContext ctx)
    {
        final WebSocketLane lane = new WebSocketLane(ctx);
        final RecordingIngress ingress = new RecordingIngress();
        closeables.add(lane);
        lane.start(ingress);
        addresses.put(identity.id, lane.advertisedAddress());
        return new Node(identity, lane, ingress);
    }

    PeerAuthenticator authenticator(final TestCredentials.Node identity)
    {
        return issuer.authenticator(WebSocketLane.NAME, identity.identity(), new AuthRejectionCounters());
    }

    <T extends AutoCloseable> T track(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    static UnsafeBuffer buffer(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }

    @Override
    public void close()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            try
            {
                closeables.get(i).close();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("close failed", ex);
            }
        }
    }
}
