package dev.actr.lanes.websocket;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.LocalIdentity;
import dev.actr.lanes.session.SigningKeyRing;
import dev.actr.lanes.testing.RecordingIngress;
import dev.actr.lanes.testing.RecordingIngress.Event;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.CachedEpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A peer node in a process of its own, for the test that kills it: reads its credential, node key and the
 * signing key from files, dials the parent's lane, prints {@code READY} once connected and then streams frames
 * until it is killed.
 * <pre>
 *   LaneChildMain &lt;dir&gt; &lt;parent id&gt; &lt;parent address&gt; &lt;signing key id&gt; &lt;clock ms&gt;
 * </pre>
 */
public final class LaneChildMain
{
    private LaneChildMain()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception on any failure (the parent sees the child die early).
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(Long.parseLong(args[4]));
        final SigningKeyRing ring = new SigningKeyRing();
        ring.put(Integer.parseInt(args[3]), publicKey(Files.readAllBytes(dir.resolve("signing.x509"))),
            SigningKeyRing.FOREVER);
        final KeyPair nodeKeys = new KeyPair(publicKey(Files.readAllBytes(dir.resolve("node.x509"))),
            KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("node.pkcs8")))));
        final RecordingIngress ingress = new RecordingIngress();
        final WebSocketLane lane = new WebSocketLane(new WebSocketLaneContext()
            .identity(LocalIdentity.of(credential(dir), nodeKeys)).keyResolver(ring).epochClock(clock)
            .addressResolver(PeerAddressResolver.of(Map.of(ActrIds.parse(args[1]), args[2]))));
        lane.start(ingress);
        lane.connect(ActrIds.parse(args[1]));
        final Event connected = ingress.event(30_000);
        if (!"CONNECTED".equals(connected.kind))
        {
            throw new IllegalStateException("not connected: " + connected);
        }
        System.out.println("READY " + connected.connectionId);
        System.out.flush();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[4096]);
        for (int sequence = 0; ; sequence++)
        {
            payload.putInt(0, sequence);
            while (lane.send(connected.connectionId, 2, payload, 0, payload.capacity()) == Lane.BACK_PRESSURED)
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static AIdCredential credential(final Path dir) throws IOException
    {
        try
        {
            return AIdCredential.parseFrom(Files.readAllBytes(dir.resolve("credential.bin")));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            throw new IOException(ex);
        }
    }

    private static PublicKey publicKey(final byte[] x509) throws GeneralSecurityException
    {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    }
}
