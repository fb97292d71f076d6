package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.RoleNegotiation;
import dev.actr.codec.proto.SessionDescription;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RawSignalingPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling instances of one cluster on a real nats-server with JetStream: nodes registered on different
 * instances discover each other and relay through the instances; every instance serves every instance's signing
 * keys, with ids unique across them; a node keeps its id on another instance (resume), and a resume proof is used
 * once across the cluster.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalingClusterTest
{
    private static final String ALPHA = "acme:alpha:1";
    private static final String BETA = "acme:beta:1";

    @TempDir
    Path dir;

    private ClusterFixture cluster;

    @BeforeEach
    void setUp() throws Exception
    {
        cluster = new ClusterFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        cluster.close();
    }

    @Test
    void shouldDiscoverAndRelayBetweenNodesRegisteredOnDifferentInstances() throws Exception
    {
        final List<SignalingServer> servers = cluster.instances(3);
        final SignalingFixture.RecordingListener alphaHears = new SignalingFixture.RecordingListener();
        final SignalingFixture.RecordingListener betaHears = new SignalingFixture.RecordingListener();
        final SignalingClient alpha = cluster.client(cluster.clientContext(ALPHA, servers.get(0).uri())
            .wsAddress("ws://127.0.0.1:1001/actr").listener(alphaHears));
        final SignalingClient beta = cluster.client(cluster.clientContext(BETA, servers.get(1).uri())
            .wsAddress("ws://127.0.0.1:1002/actr").listener(betaHears));
        final SignalingClient gamma = cluster.client(cluster.clientContext("acme:gamma:1", servers.get(2).uri()));
        final SignalingRegistration alphaReg = alpha.registered().get(10, TimeUnit.SECONDS);
        final ActrId alphaId = alphaReg.id();
        final ActrId betaId = beta.registered().get(10, TimeUnit.SECONDS).id();
        gamma.registered().get(10, TimeUnit.SECONDS);
        assertThat(alphaId.getSerialNumber()).isNotEqualTo(betaId.getSerialNumber());

        Await.until("alpha (instance 1) discovers beta (instance 2)",
            () -> discover(alpha, BETA).candidates().contains(betaId));
        assertThat(discover(alpha, BETA).wsAddress(betaId)).isEqualTo("ws://127.0.0.1:1002/actr");
        Await.until("a third instance answers for both", () -> discover(gamma, ALPHA).candidates().contains(alphaId) &&
            discover(gamma, BETA).candidates().contains(betaId));
        assertThat(discover(gamma, ALPHA).wsAddress(alphaId)).isEqualTo("ws://127.0.0.1:1001/actr");
        Await.until("every instance counts the three nodes",
            () -> servers.stream().allMatch(server -> server.serviceRegisteredCount() == 3));

        assertThat(alpha.sendRelay(ActrRelay.newBuilder().setTarget(betaId)
            .setIceCandidate(IceCandidate.newBuilder().setCandidate("candidate:1 1 udp 1 192.0.2.1 5000 typ host"))))
            .isPositive();
        final ActrRelay atBeta = betaHears.relays.poll(10, TimeUnit.SECONDS);
        assertThat(atBeta).as("relay through instance 1 -> NATS -> instance 2").isNotNull();
        assertThat(atBeta.getSource()).isEqualTo(alphaId);
        assertThat(atBeta.getCredential()).as("unchanged: the target can verify it").isEqualTo(alphaReg.credential());
        assertThat(atBeta.getIceCandidate().getCandidate()).startsWith("candidate:1");

        assertThat(beta.sendRelay(ActrRelay.newBuilder().setTarget(alphaId).setSessionDescription(
            SessionDescription.newBuilder().setType(SessionDescription.Type.OFFER).setSdp("v=0")))).isPositive();
        final ActrRelay atAlpha = alphaHears.relays.poll(10, TimeUnit.SECONDS);
        assertThat(atAlpha.getSource()).isEqualTo(betaId);
        assertThat(atAlpha.getSessionDescription().getSdp()).isEqualTo("v=0");

        assertThat(alpha.sendRelay(ActrRelay.newBuilder().setTarget(betaId)
            .setRoleNegotiation(RoleNegotiation.getDefaultInstance()))).isPositive();
        final ActrRelay alphaRole = alphaHears.relays.poll(10, TimeUnit.SECONDS);
        final ActrRelay betaRole = betaHears.relays.poll(10, TimeUnit.SECONDS);
        final boolean alphaOffers = Long.compareUnsigned(alphaId.getSerialNumber(), betaId.getSerialNumber()) < 0;
        assertThat(alphaRole.getSource()).isEqualTo(betaId);
        assertThat(alphaRole.getRoleAssignment().getIsOfferer()).isEqualTo(alphaOffers);
        assertThat(betaRole.getSource()).isEqualTo(alphaId);
        assertThat(betaRole.getRoleAssignment().getIsOfferer()).isEqualTo(!alphaOffers);

        final ActrId nobody = betaId.toBuilder().setSerialNumber(betaId.getSerialNumber() + 1_000_000).build();
        final long refusedId = alpha.sendRelay(ActrRelay.newBuilder().setTarget(nobody)
            .setIceCandidate(IceCandidate.newBuilder().setCandidate("candidate:2")));
        assertThat(alphaHears.refusals.poll(10, TimeUnit.SECONDS))
            .isEqualTo(refusedId + " " + SignalingErrors.NOT_FOUND + " relay target " + ActrIds.format(nobody) +
                " is not registered");
        assertThat(servers.get(1).counter(SignalingCounter.RELAYS)).isGreaterThanOrEqualTo(1);
        assertThat(servers.get(0).counter(SignalingCounter.RELAYS)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldServeEveryInstancesSigningKeysWithIdsUniqueAcrossTheCluster() throws Exception
    {
        final List<SignalingServer> servers = cluster.instances(3);
        final Set<Integer> keyIds = new HashSet<>();
        servers.forEach(server -> keyIds.add(server.currentSigningKeyId()));
        assertThat(keyIds).as("each instance signs with a key of its own").hasSize(3);

        final SignalingClient onFirst = cluster.client(cluster.clientContext(ALPHA, servers.get(0).uri()));
        final SignalingClient onThird = cluster.client(cluster.clientContext(BETA, servers.get(2).uri()));
        onFirst.registered().get(10, TimeUnit.SECONDS);
        final SignalingRegistration third = onThird.registered().get(10, TimeUnit.SECONDS);
        assertThat(third.signingKeyId()).isEqualTo(servers.get(2).currentSigningKeyId());

        final PublicKey thirdsKey = onFirst.fetchSigningKey(third.signingKeyId()).get(10, TimeUnit.SECONDS);
        assertThat(thirdsKey).as("instance 1 serves instance 3's key from the keys bucket").isNotNull();
        assertThat(Ed25519Keys.verify(thirdsKey, third.credential().getClaims().toByteArray(),
            third.credential().getSignature().toByteArray())).as("it verifies instance 3's credentials").isTrue();

        final int rotated = servers.get(1).rotateSigningKey().get(10, TimeUnit.SECONDS);
        assertThat(keyIds).doesNotContain(rotated);
        Await.until("the rotated key is served by another instance",
            () -> onFirst.fetchSigningKey(rotated).join() != null);
        assertThat(onFirst.fetchSigningKey(0x7FFF_0000).get(10, TimeUnit.SECONDS)).as("unknown key").isNull();
    }

    @Test
    void shouldKeepTheIdOnAnotherInstanceWhenItsInstanceCloses() throws Exception
    {
        final List<SignalingServer> servers = cluster.instances(2);
        final SignalingClient alpha = cluster.client(cluster.clientContext(ALPHA, servers.get(0).uri(),
            servers.get(1).uri()).wsAddress("ws://127.0.0.1:1001/actr"));
        final SignalingClient beta = cluster.client(cluster.clientContext(BETA, servers.get(1).uri()));
        final ActrId alphaId = alpha.registered().get(10, TimeUnit.SECONDS).id();
        beta.registered().get(10, TimeUnit.SECONDS);
        assertThat(alpha.currentServerUri()).isEqualTo(servers.get(0).uri());

        servers.get(0).close();
        Await.until("alpha registered again on instance 2", () -> alpha.isRegistered() &&
            alpha.currentServerUri().equals(servers.get(1).uri()));
        assertThat(alpha.registration().id()).as("the same id (resume)").isEqualTo(alphaId);
        assertThat(alpha.registration().resumed()).isTrue();
        assertThat(servers.get(1).counter(SignalingCounter.RESUMES)).isEqualTo(1);
        Await.until("discovery finds it under its id", () -> discover(beta, ALPHA).candidates().equals(List.of(alphaId)));
        assertThat(discover(beta, ALPHA).wsAddress(alphaId)).isEqualTo("ws://127.0.0.1:1001/actr");
    }

    @Test
    void shouldAcceptAResumeProofOnceAcrossTheCluster() throws Exception
    {
        final List<SignalingServer> servers = cluster.instances(3);
        final KeyPair nodeKeys = Ed25519Keys.generate();
        final RegisterOk first = register(servers.get(0), ClusterFixture.registerRequest(ALPHA, nodeKeys));
        final long nowMs = System.currentTimeMillis();
        final RegisterRequest resume = RegisterRequest.newBuilder()
            .setActrType(ActrIds.parseType(ALPHA))
            .setRealm(Realm.newBuilder().setRealmId(ClusterFixture.REALM))
            .setNodePublicKey(ByteString.copyFrom(Ed25519Keys.toRaw(nodeKeys.getPublic())))
            .setPreviousCredential(first.getCredential())
            .setResumeAtMs(nowMs)
            .setResumeSignature(ByteString.copyFrom(ResumeProof.sign(nodeKeys.getPrivate(), nowMs,
                first.getCredential().getClaims().toByteArray())))
            .build();

        final RegisterOk resumed = register(servers.get(1), resume);
        assertThat(resumed.getResumed()).as("instance 2 verifies instance 1's credential").isTrue();
        assertThat(resumed.getActrId()).isEqualTo(first.getActrId());
        final RegisterOk replayed = register(servers.get(2), resume);
        assertThat(replayed.getResumed()).as("the same proof on instance 3: used already").isFalse();
        assertThat(replayed.getActrId()).isNotEqualTo(first.getActrId());
    }

    private RegisterOk register(final SignalingServer server, final RegisterRequest request) throws Exception
    {
        final RawSignalingPeer peer = cluster.track(new RawSignalingPeer(server.uri()));
        peer.opened().get(10, TimeUnit.SECONDS);
        peer.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId("r")
            .setPeerToServer(PeerToSignaling.newBuilder().setRegisterRequest(request)).build());
        final SignalingEnvelope answer = peer.next(10_000);
        assertThat(answer.getServerToActr().hasRegisterOk()).as(answer.toString()).isTrue();
        return answer.getServerToActr().getRegisterOk();
    }

    static DiscoveryResult discover(final SignalingClient client, final String type)
    {
        try
        {
            return client.discover(ActrIds.parseType(type)).get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("discovery failed", ex);
        }
    }
}
