package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.session.Ed25519Keys;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Servers and clients with test timings (heartbeat, backoff in milliseconds), closed after each test.
 */
final class SignalingFixture implements AutoCloseable
{
    static final int REALM = 5;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Path directory;

    SignalingFixture(final Path directory)
    {
        this.directory = directory;
    }

    SignalingServerContext serverContext()
    {
        return new SignalingServerContext().directory(directory).port(0).heartbeatIntervalMs(200)
            .credentialLifetimeMs(60_000).handshakeTimeoutMs(2_000);
    }

    SignalingServer server(final SignalingServerContext ctx)
    {
        final SignalingServer server = SignalingServer.launch(ctx);
        closeables.add(server);
        return server;
    }

    SignalingClientContext clientContext(final SignalingServer server, final String type)
    {
        return new SignalingClientContext()
            .serverUri(server.uri())
            .actrType(ActrIds.parseType(type))
            .realmId(REALM)
            .requestTimeoutMs(3_000)
            .connectTimeoutMs(2_000)
            .reconnectDelaysMs(20, 200)
            .random(new Random(42));
    }

    SignalingClient client(final SignalingClientContext ctx)
    {
        final SignalingClient client = SignalingClient.launch(ctx);
        closeables.add(client);
        return client;
    }

    <T extends AutoCloseable> T track(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    static SignalingEnvelope register(final String envelopeId, final String type, final KeyPair nodeKeys)
    {
        return SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId(envelopeId)
            .setPeerToServer(PeerToSignaling.newBuilder().setRegisterRequest(RegisterRequest.newBuilder()
                .setActrType(ActrIds.parseType(type))
                .setRealm(Realm.newBuilder().setRealmId(REALM))
                .setNodePublicKey(ByteString.copyFrom(Ed25519Keys.toRaw(nodeKeys.getPublic())))))
            .build();
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
        if (failure != null)
        {
            throw failure;
        }
    }

    /** Records what a client's listener is told. */
    static final class RecordingListener implements SignalingListener
    {
        final BlockingQueue<ActrRelay> relays = new LinkedBlockingQueue<>();
        final BlockingQueue<String> refusals = new LinkedBlockingQueue<>();
        final BlockingQueue<SignalingRegistration> registrations = new LinkedBlockingQueue<>();
        volatile int disconnects;

        @Override
        public void onRegistered(final SignalingRegistration registration)
        {
            registrations.add(registration);
        }

        @Override
        public void onRelay(final ActrRelay relay)
        {
            relays.add(relay);
        }

        @Override
        public void onRelayRefused(final long relayId, final int code, final String message)
        {
            refusals.add(relayId + " " + code + " " + message);
        }

        @Override
        public void onDisconnected()
        {
            disconnects++;
        }
    }
}
