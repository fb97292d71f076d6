package dev.actr.lanes.websocket;

import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.testing.RecordingIngress.Event;
import dev.actr.lanes.testing.SelfSignedCertificate;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static dev.actr.lanes.websocket.WebSocketLaneTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class WebSocketLaneTlsTest
{
    @TempDir
    static Path dir;

    private static SelfSignedCertificate certificate;

    private final LaneFixture fixture = new LaneFixture();
    private LaneFixture.Node bob;

    @BeforeAll
    static void generateCertificate() throws Exception
    {
        certificate = SelfSignedCertificate.generate(dir, "bob");
    }

    @BeforeEach
    void setUp()
    {
        final TestCredentials.Node bobIdentity = fixture.issuer.node("b2@5/acme:bob:1");
        bob = fixture.start(bobIdentity, fixture.context(bobIdentity)
            .tls(certificate.certificatePem, certificate.privateKeyPem));
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldCarryFramesOverWssWithATrustedSelfSignedCertificate() throws Exception
    {
        assertThat(bob.lane.advertisedAddress()).startsWith("wss://127.0.0.1:");
        final TestCredentials.Node aliceIdentity = fixture.issuer.node("a1@5/acme:alice:1");
        final LaneFixture.Node alice = fixture.start(aliceIdentity, fixture.context(aliceIdentity)
            .tlsTrustedCertificatesPem(certificate.certificatePem));

        alice.lane.connect(bob.id());
        final long aliceSide = expect(alice.ingress, "CONNECTED").connectionId;
        final long bobSide = expect(bob.ingress, "CONNECTED").connectionId;
        final byte[] request = "over tls".getBytes(StandardCharsets.US_ASCII);
        assertThat(alice.lane.send(aliceSide, 0, new UnsafeBuffer(request), 0, request.length)).isEqualTo(Lane.OK);
        assertThat(bob.ingress.frame(WAIT_MS).payload).isEqualTo(request);
        final byte[] reply = new byte[300_000];
        reply[299_999] = 42;
        assertThat(bob.lane.send(bobSide, 2, new UnsafeBuffer(reply), 0, reply.length)).isEqualTo(Lane.OK);
        assertThat(alice.ingress.frame(WAIT_MS).payload).isEqualTo(reply);
    }

    @Test
    void shouldRefuseToDialAServerWhoseCertificateItDoesNotTrust() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        alice.lane.connect(bob.id());

        final Event failed = expect(alice.ingress, "CONNECT_FAILED");
        assertThat(failed.reason).isEqualTo(DisconnectReason.NETWORK_ERROR);
        assertThat(bob.ingress.eventsWaiting()).isZero();
    }
}
