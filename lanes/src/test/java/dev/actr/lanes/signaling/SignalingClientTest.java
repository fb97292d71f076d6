package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.RoleNegotiation;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.VerifiedPeer;
import dev.actr.lanes.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SignalingClientTest
{
    @TempDir
    Path dir;

    private SignalingFixture fixture;

    @BeforeEach
    void setUp()
    {
        fixture = new SignalingFixture(dir);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldRegisterWithCredentialThatBindsTheNodeKey() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingClientContext ctx = fixture.clientContext(server, "acme:echo:1").wsAddress("ws://127.0.0.1:1/a");
        final SignalingClient client = fixture.client(ctx);

        final SignalingRegistration registration = client.registered().get(5, TimeUnit.SECONDS);

        assertThat(registration.id().getRealm().getRealmId()).isEqualTo(SignalingFixture.REALM);
        assertThat(registration.id().getSerialNumber() >>> 32).as("generation of a first start").isEqualTo(1);
        assertThat(registration.heartbeatIntervalMs()).isEqualTo(200);
        assertThat(registration.resumed()).isFalse();
        final VerifiedPeer verified = new CredentialVerifier(client.keyResolver()).verify(registration.credential(),
            SignalingFixture.REALM, System.currentTimeMillis() / 1000, true);
        assertThat(verified.id()).isEqualTo(registration.id());
        assertThat(verified.nodePublicKey()).isEqualTo(ctx.nodeKeys().getPublic());
        assertThat(client.localIdentity().credential()).isEqualTo(registration.credential());
        Await.until("the server counts the registration", () -> server.registeredCount() == 1);
    }

    @Test
    void shouldDiscoverCandidatesOfTheTypeWithTheirAddressesAndCacheTheAnswer() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingClient echoOne = fixture.client(
            fixture.clientContext(server, "acme:echo:1").wsAddress("ws://127.0.0.1:7001/actr"));
        final SignalingClient echoTwo = fixture.client(fixture.clientContext(server, "acme:echo:1"));
        final SignalingClient other = fixture.client(fixture.clientContext(server, "acme:other:1"));
        final ActrId one = echoOne.registered().get(5, TimeUnit.SECONDS).id();
        final ActrId two = echoTwo.registered().get(5, TimeUnit.SECONDS).id();
        other.registered().get(5, TimeUnit.SECONDS);

        final DiscoveryResult found = other.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS);

        assertThat(found.candidates()).containsExactlyInAnyOrder(one, two)
            .isSortedAccordingTo((a, b) -> Long.compareUnsigned(a.getSerialNumber(), b.getSerialNumber()));
        assertThat(found.wsAddresses()).containsOnlyKeys(one);
        assertThat(found.wsAddress(one)).isEqualTo("ws://127.0.0.1:7001/actr");
        final long discoveries = server.counter(SignalingCounter.DISCOVERIES);
        assertThat(other.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS)).isSameAs(found);
        assertThat(other.wsAddress(one).get(5, TimeUnit.SECONDS)).isEqualTo("ws://127.0.0.1:7001/actr");
        assertThat(server.counter(SignalingCounter.DISCOVERIES)).as("answered from the cache").isEqualTo(discoveries);
        assertThat(other.discover(ActrIds.parseType("acme:nobody:1")).get(5, TimeUnit.SECONDS).candidates()).isEmpty();
    }

    @Test
    void shouldDialTheNextServerOfItsListWhenTheFirstCannotBeReached() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final String unreachable;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            unreachable = "ws://127.0.0.1:" + closed.getLocalPort() + "/signaling";
        }
        final SignalingClient client = fixture.client(fixture.clientContext(server, "acme:a:1")
            .serverUris(unreachable, server.uri()));

        client.registered().get(5, TimeUnit.SECONDS);

        assertThat(client.currentServerUri()).isEqualTo(server.uri());
        assertThat(client.connectAttempts()).isEqualTo(2);
        assertThat(new SignalingClientContext().serverUri("ws://h:1/s").serverUris()).containsExactly("ws://h:1/s");
    }

    @Test
    void shouldNotCacheAnAnswerWithNoCandidates() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingClient client = fixture.client(fixture.clientContext(server, "acme:a:1"));
        client.registered().get(5, TimeUnit.SECONDS);
        assertThat(client.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS).candidates()).isEmpty();

        final SignalingClient echo = fixture.client(fixture.clientContext(server, "acme:echo:1"));
        final ActrId echoId = echo.registered().get(5, TimeUnit.SECONDS).id();

        assertThat(client.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS).candidates())
            .as("found at once, not after the cache's time to live").containsExactly(echoId);
        assertThat(server.counter(SignalingCounter.DISCOVERIES)).isEqualTo(2);
    }

    @Test
    void shouldExpireCachedDiscoveryAnswers() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingClient client = fixture.client(fixture.clientContext(server, "acme:a:1").discoveryCacheTtlMs(50));
        client.registered().get(5, TimeUnit.SECONDS);
        fixture.client(fixture.clientContext(server, "acme:echo:1")).registered().get(5, TimeUnit.SECONDS);

        client.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS);
        final long start = System.nanoTime();
        Await.until("cache entry older than its ttl", () -> System.nanoTime() - start > 60_000_000L);
        client.discover(ActrIds.parseType("acme:echo:1")).get(5, TimeUnit.SECONDS);

        assertThat(server.counter(SignalingCounter.DISCOVERIES)).isEqualTo(2);
    }

    @Test
    void shouldRelayNegotiationAndAssignOppositeRoles() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingFixture.RecordingListener aliceHears = new SignalingFixture.RecordingListener();
        final SignalingFixture.RecordingListener bobHears = new SignalingFixture.RecordingListener();
        final SignalingClient alice = fixture.client(fixture.clientContext(server, "acme:a:1").listener(aliceHears));
        final SignalingClient bob = fixture.client(fixture.clientContext(server, "acme:b:1").listener(bobHears));
        final ActrId aliceId = alice.registered().get(5, TimeUnit.SECONDS).id();
        final ActrId bobId = bob.registered().get(5, TimeUnit.SECONDS).id();

        assertThat(alice.sendRelay(ActrRelay.newBuilder().setTarget(bobId)
            .setIceCandidate(IceCandidate.newBuilder().setCandidate("candidate:1 1 UDP 1 192.0.2.10 5000 typ host"))))
            .isPositive();
        final ActrRelay relayed = bobHears.relays.poll(5, TimeUnit.SECONDS);
        assertThat(relayed).isNotNull();
        assertThat(relayed.getSource()).isEqualTo(aliceId);
        assertThat(relayed.getIceCandidate().getCandidate()).startsWith("candidate:1");
        assertThat(relayed.getCredential()).isEqualTo(alice.registration().credential());

        bob.sendRelay(ActrRelay.newBuilder().setTarget(aliceId).setRoleNegotiation(RoleNegotiation.newBuilder()));
        final ActrRelay toAlice = aliceHears.relays.poll(5, TimeUnit.SECONDS);
        final ActrRelay toBob = bobHears.relays.poll(5, TimeUnit.SECONDS);
        assertThat(toAlice.getSource()).isEqualTo(bobId);
        assertThat(toBob.getSource()).isEqualTo(aliceId);
        final boolean aliceLower = Long.compareUnsigned(aliceId.getSerialNumber(), bobId.getSerialNumber()) < 0;
        assertThat(toAlice.getRoleAssignment().getIsOfferer()).as("lower serial offers").isEqualTo(aliceLower);
        assertThat(toBob.getRoleAssignment().getIsOfferer()).isEqualTo(!aliceLower);
        assertThat(server.counter(SignalingCounter.RELAYS)).isEqualTo(1);
    }

    @Test
    void shouldReportRelayToUnknownTargetAsRefused() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingFixture.RecordingListener hears = new SignalingFixture.RecordingListener();
        final SignalingClient alice = fixture.client(fixture.clientContext(server, "acme:a:1").listener(hears));
        alice.registered().get(5, TimeUnit.SECONDS);

        final long relayId = alice.sendRelay(ActrRelay.newBuilder().setTarget(ActrIds.parse("ffff@5/acme:ghost:1"))
            .setIceCandidate(IceCandidate.newBuilder().setCandidate("c")));

        assertThat(hears.refusals.poll(5, TimeUnit.SECONDS)).startsWith(relayId + " 404 ");
    }

    @Test
    void shouldRenewTheCredentialHalfWayThroughItsLife() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext().credentialLifetimeMs(2_000));
        final SignalingFixture.RecordingListener hears = new SignalingFixture.RecordingListener();
        final SignalingClient client = fixture.client(fixture.clientContext(server, "acme:a:1").listener(hears));
        final SignalingRegistration first = client.registered().get(5, TimeUnit.SECONDS);

        assertThat(hears.registrations.poll(5, TimeUnit.SECONDS)).isSameAs(first);
        final SignalingRegistration renewed = hears.registrations.poll(5, TimeUnit.SECONDS);
        assertThat(renewed).as("renewed within the credential's life").isNotNull();

        assertThat(renewed.id()).isEqualTo(first.id());
        assertThat(renewed.credential()).isNotEqualTo(first.credential());
        assertThat(renewed.credentialExpiresAtSec()).isGreaterThanOrEqualTo(first.credentialExpiresAtSec());
        assertThat(server.counter(SignalingCounter.RENEWALS)).isGreaterThanOrEqualTo(1);
        final SignalingRegistration onDemand = client.renewCredential().get(5, TimeUnit.SECONDS);
        assertThat(onDemand.credential()).isEqualTo(client.localIdentity().credential());
    }

    @Test
    void shouldKeepRegistrationAliveWithHeartbeats() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext().heartbeatIntervalMs(100));
        final SignalingClient client = fixture.client(fixture.clientContext(server, "acme:a:1"));
        client.registered().get(5, TimeUnit.SECONDS);
        // a cold JVM can take longer than two intervals to load the classes of its first heartbeat: count from a
        // steady state
        Await.until("registered and heartbeating", () -> client.isRegistered() &&
            server.counter(SignalingCounter.HEARTBEATS) >= 3);
        final long expiredBefore = server.counter(SignalingCounter.EXPIRED);
        final long heartbeatsBefore = server.counter(SignalingCounter.HEARTBEATS);

        Await.until("ten more heartbeats (five expiry windows)",
            () -> server.counter(SignalingCounter.HEARTBEATS) >= heartbeatsBefore + 10);

        assertThat(server.counter(SignalingCounter.EXPIRED)).isEqualTo(expiredBefore);
        assertThat(server.registeredCount()).isEqualTo(1);
        assertThat(client.isRegistered()).isTrue();
    }

    @Test
    void shouldUnregisterSoDiscoveryNoLongerFindsTheNode() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final SignalingClient echo = fixture.client(fixture.clientContext(server, "acme:echo:1"));
        final SignalingClient asker = fixture.client(fixture.clientContext(server, "acme:a:1").discoveryCacheTtlMs(0));
        final ActrId echoId = echo.registered().get(5, TimeUnit.SECONDS).id();
        asker.registered().get(5, TimeUnit.SECONDS);
        assertThat(asker.discover(echoId.getType()).get(5, TimeUnit.SECONDS).candidates()).containsExactly(echoId);

        echo.unregister().get(5, TimeUnit.SECONDS);

        Await.until("server forgets the node", () -> server.registeredCount() == 1);
        assertThat(asker.discover(echoId.getType()).get(5, TimeUnit.SECONDS).candidates()).isEmpty();
        assertThat(server.counter(SignalingCounter.UNREGISTRATIONS)).isEqualTo(1);
    }

    @Test
    void shouldReconnectWithBackoffAfterServerRestartAndResumeItsId() throws Exception
    {
        final SignalingServerContext serverCtx = fixture.serverContext();
        final SignalingServer first = SignalingServer.launch(serverCtx);
        final int port = first.port();
        final SignalingFixture.RecordingListener hears = new SignalingFixture.RecordingListener();
        final SignalingClient client = fixture.client(fixture.clientContext(first, "acme:echo:1").listener(hears)
            .wsAddress("ws://127.0.0.1:7001/actr"));
        final SignalingClient asker = fixture.client(fixture.clientContext(first, "acme:a:1").discoveryCacheTtlMs(0));
        final ActrId id = client.registered().get(5, TimeUnit.SECONDS).id();
        asker.registered().get(5, TimeUnit.SECONDS);

        first.close();
        Await.until("client sees the connection lost", () -> hears.disconnects == 1 && !client.isRegistered());
        final long attemptsWhileDown = client.connectAttempts();
        Await.until("client keeps dialling", () -> client.connectAttempts() >= attemptsWhileDown + 2);

        final SignalingServer second = fixture.server(fixture.serverContext().port(port));
        Await.until("client registered again", client::isRegistered, Duration.ofSeconds(10));
        Await.until("asker registered again", asker::isRegistered, Duration.ofSeconds(10));

        assertThat(client.registration().id()).isEqualTo(id);
        assertThat(client.registration().resumed()).isTrue();
        assertThat(second.counter(SignalingCounter.RESUMES)).isEqualTo(2);
        final DiscoveryResult found = asker.discover(id.getType()).get(5, TimeUnit.SECONDS);
        assertThat(found.candidates()).containsExactly(id);
        assertThat(found.wsAddress(id)).isEqualTo("ws://127.0.0.1:7001/actr");
    }

    @Test
    void shouldFailDiscoveryWhenNeverRegisteredWithinTheRequestTimeout() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final int port = server.port();
        server.close();
        final SignalingClient client = fixture.client(new SignalingClientContext()
            .serverUri("ws://127.0.0.1:" + port + "/signaling").actrType(ActrIds.parseType("acme:a:1"))
            .realmId(SignalingFixture.REALM).requestTimeoutMs(200).reconnectDelaysMs(20, 50));

        assertThat(client.discover(ActrIds.parseType("acme:echo:1")))
            .failsWithin(5, TimeUnit.SECONDS)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(SignalingException.class)
            .withMessageContaining("TIMED_OUT");
        assertThat(client.localIdentity().credential()).isNull();
        assertThat(client.connectAttempts()).isGreaterThan(1);
    }
}
