package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RawSignalingPeer;
import dev.actr.lanes.testing.SignalingInstanceProcess;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.actr.lanes.signaling.SignalingClusterTest.discover;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance of the cluster in a child JVM is killed with SIGKILL: its nodes move to the next instance of their
 * list within the reconnect backoff and keep their ids (resume with the credential the dead instance signed),
 * discovery from another instance keeps answering with those ids, relays reach them on their new instance, and the
 * registry entry of a node that does not come back expires with the bucket's max age.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalingClusterFailoverTest
{
    private static final String MOVER = "acme:mover:1";
    private static final int MOVERS = 3;

    @TempDir
    Path dir;

    @Test
    void shouldMoveTheNodesOfAKilledInstanceAndExpireTheSilentOnes() throws Exception
    {
        try (ClusterFixture cluster = new ClusterFixture(dir))
        {
            final SignalingInstanceProcess killed = cluster.track(SignalingInstanceProcess.start(dir, "killed",
                List.of("--nats", cluster.nats.url(), "--instance-id", "killed", "--heartbeat-ms",
                    Long.toString(ClusterFixture.HEARTBEAT_MS), "--credential-lifetime-ms", "120000")));
            final SignalingServer second = cluster.instance("second");
            final SignalingServer third = cluster.instance("third");
            final List<SignalingClient> movers = new ArrayList<>();
            final List<ActrId> moverIds = new ArrayList<>();
            for (int i = 0; i < MOVERS; i++)
            {
                final SignalingClient mover = cluster.client(cluster.clientContext(MOVER, killed.uri(), second.uri(),
                    third.uri()).wsAddress("ws://127.0.0.1:" + (2000 + i) + "/actr"));
                movers.add(mover);
                moverIds.add(mover.registered().get(20, TimeUnit.SECONDS).id());
            }
            final SignalingFixture.RecordingListener heard = new SignalingFixture.RecordingListener();
            final SignalingClient observer = cluster.client(cluster.clientContext("acme:observer:1", third.uri())
                .listener(heard));
            observer.registered().get(10, TimeUnit.SECONDS);
            final RawSignalingPeer silent = cluster.track(new RawSignalingPeer(killed.uri()));
            silent.opened().get(10, TimeUnit.SECONDS);
            silent.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId("1")
                .setPeerToServer(PeerToSignaling.newBuilder().setRegisterRequest(
                    ClusterFixture.registerRequest("acme:silent:1", Ed25519Keys.generate()))).build());
            final SignalingEnvelope silentOk = silent.next(10_000);
            final ActrId silentId = silentOk.getServerToActr().getRegisterOk().getActrId();
            Await.until("the observer (third instance) discovers every node of the killed one",
                () -> discover(observer, MOVER).candidates().containsAll(moverIds) &&
                discover(observer, "acme:silent:1").candidates().contains(silentId));

            final long killedAtNs = System.nanoTime();
            killed.kill();
            Await.until("every mover registered again on the second instance", () -> movers.stream().allMatch(
                mover -> mover.isRegistered() && mover.currentServerUri().equals(second.uri())), Duration.ofSeconds(20));
            final long movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
            System.out.println("failover: " + MOVERS + " nodes registered again on another instance " + movedMs +
                " ms after SIGKILL (backoff " + 50 + ".." + 400 + " ms)");
            for (int i = 0; i < MOVERS; i++)
            {
                assertThat(movers.get(i).registration().id()).as("the same id after the move").isEqualTo(moverIds.get(i));
                assertThat(movers.get(i).registration().resumed()).isTrue();
            }
            assertThat(second.counter(SignalingCounter.RESUMES)).isEqualTo(MOVERS);
            Await.until("discovery keeps listing the movers, on their new instance", () -> discover(observer, MOVER)
                .candidates().containsAll(moverIds));
            assertThat(discover(observer, MOVER).wsAddress(moverIds.get(0))).isEqualTo("ws://127.0.0.1:2000/actr");

            assertThat(observer.sendRelay(ActrRelay.newBuilder().setTarget(moverIds.get(0))
                .setIceCandidate(IceCandidate.newBuilder().setCandidate("candidate:after-failover")))).isPositive();
            Await.until("the relay reaches the moved node", () -> second.counter(SignalingCounter.RELAYS) == 1);

            Await.until("the silent node's entry expires (nobody refreshes it)",
                () -> !discover(observer, "acme:silent:1").candidates().contains(silentId), Duration.ofSeconds(20));
            final Connection nats = Nats.connect(cluster.nats.url());
            try
            {
                final KeyValue registry = nats.keyValue("actr-signaling-registry");
                Await.until("the bucket dropped it (max age)", () -> entryGone(registry, silentId),
                    Duration.ofSeconds(20));
                assertThat(registry.get(ClusterNames.registryKey(moverIds.get(0)))).isNotNull();
            }
            finally
            {
                nats.close();
            }
        }
    }

    private static boolean entryGone(final KeyValue registry, final ActrId id)
    {
        try
        {
            return registry.get(ClusterNames.registryKey(id)) == null;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
