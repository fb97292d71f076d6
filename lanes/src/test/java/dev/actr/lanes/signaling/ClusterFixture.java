package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.lanes.testing.NatsServerProcess;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A real nats-server with JetStream and signaling instances of one cluster on it (in this JVM), with test
 * timings; everything closed after the test, in reverse order.
 */
final class ClusterFixture implements AutoCloseable
{
    static final int REALM = 9;
    static final long HEARTBEAT_MS = 400;

    final NatsServerProcess nats;
    private final Path dir;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private int instances;
    private long heartbeatMs = HEARTBEAT_MS;

    ClusterFixture(final Path dir) throws Exception
    {
        this.dir = dir;
        this.nats = NatsServerProcess.start(dir);
    }

    SignalingServerContext instanceContext(final String instanceId)
    {
        return new SignalingServerContext().directory(dir.resolve("instance-" + instanceId)).port(0)
            .heartbeatIntervalMs(heartbeatMs).credentialLifetimeMs(120_000).handshakeTimeoutMs(2_000)
            .nats(nats.url()).instanceId(instanceId);
    }

    /** @param heartbeatMs heartbeat interval of the instances launched after this. @return this. */
    ClusterFixture heartbeatMs(final long heartbeatMs)
    {
        this.heartbeatMs = heartbeatMs;
        return this;
    }

    SignalingServer instance(final String instanceId)
    {
        return track(SignalingServer.launch(instanceContext(instanceId)));
    }

    List<SignalingServer> instances(final int count)
    {
        final List<SignalingServer> servers = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            servers.add(instance("i" + ++instances));
        }
        return servers;
    }

    SignalingClientContext clientContext(final String type, final String... uris)
    {
        return new SignalingClientContext()
            .serverUris(uris)
            .actrType(ActrIds.parseType(type))
            .realmId(REALM)
            .requestTimeoutMs(5_000)
            .connectTimeoutMs(2_000)
            .reconnectDelaysMs(50, 400)
            .discoveryCacheTtlMs(0)
            .random(new Random(42));
    }

    /**
     * @return a register request in the cluster's realm, for a raw peer.
     */
    static RegisterRequest registerRequest(final String type, final KeyPair nodeKeys)
    {
        return SignalingFixture.register("1", type, nodeKeys).getPeerToServer().getRegisterRequest().toBuilder()
            .setRealm(Realm.newBuilder().setRealmId(REALM)).build();
    }

    SignalingClient client(final SignalingClientContext ctx)
    {
        return track(SignalingClient.launch(ctx));
    }

    <T extends AutoCloseable> T track(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            try
            {
                closeables.get(i).close();
            }
            catch (final Exception ex)
            {
                failure = failure == null ? new IllegalStateException("close failed", ex) : failure;
            }
        }
        nats.close();
        if (failure != null)
        {
            throw failure;
        }
    }
}
