package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an instance does with a cluster it cannot join: NATS out of reach, a heartbeat interval other than the
 * cluster's; and a directory whose signing key id another instance's key holds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalingClusterConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartWhenNatsCannotBeReached() throws Exception
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = closed.getLocalPort();
        }
        assertThatThrownBy(() -> SignalingServer.launch(new SignalingServerContext().port(0).directory(dir)
            .nats("nats://127.0.0.1:" + port).natsTimeoutMs(500)))
            .isInstanceOf(ActrException.class)
            .hasMessageStartingWith("signaling cannot reach NATS at [nats://127.0.0.1:" + port + "]");
    }

    @Test
    void shouldRefuseUrlsThatAreNotNats()
    {
        assertThatThrownBy(() -> new SignalingServerContext().directory(dir).nats("http://127.0.0.1:4222").conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nats:// or tls://");
        assertThatThrownBy(() -> new SignalingServerContext().directory(dir).instanceId("a.b").conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId must match");
    }

    @Test
    void shouldRefuseAnInstanceWhoseHeartbeatIntervalDiffersFromTheClusters() throws Exception
    {
        try (ClusterFixture cluster = new ClusterFixture(dir))
        {
            cluster.instance("first");
            assertThatThrownBy(() -> SignalingServer.launch(cluster.instanceContext("second")
                .heartbeatIntervalMs(ClusterFixture.HEARTBEAT_MS * 2)))
                .isInstanceOf(ActrException.class)
                .hasMessageContaining("every instance of a cluster must use the same heartbeat interval");
        }
    }

    @Test
    void shouldGiveUpALocalKeyWhoseIdAnotherInstancesKeyHolds() throws Exception
    {
        final Path standalone = dir.resolve("standalone");
        final int standaloneKeyId;
        try (SignalingServer single = SignalingServer.launch(new SignalingServerContext().port(0).directory(standalone)))
        {
            standaloneKeyId = single.currentSigningKeyId();
        }
        try (ClusterFixture cluster = new ClusterFixture(dir))
        {
            final SignalingServer first = cluster.instance("first");
            assertThat(first.currentSigningKeyId()).as("the cluster's first key id").isEqualTo(standaloneKeyId);

            final SignalingServer joined = cluster.track(SignalingServer.launch(cluster.instanceContext("joined")
                .directory(standalone)));

            assertThat(joined.currentSigningKeyId()).as("a fresh key with a cluster id")
                .isNotEqualTo(standaloneKeyId).isGreaterThan(first.currentSigningKeyId());
            final SignalingClient client = cluster.client(cluster.clientContext("acme:a:1", joined.uri()));
            assertThat(client.registered().get(10, TimeUnit.SECONDS).signingKeyId())
                .isEqualTo(joined.currentSigningKeyId());
        }
    }
}
