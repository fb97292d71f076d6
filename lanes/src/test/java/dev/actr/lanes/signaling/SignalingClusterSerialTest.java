package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serials come from a compare-and-set counter in the serials bucket: 1,000 nodes registering at once from
 * concurrent clients on three instances get 1,000 different ids, and the counter ends at the largest.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalingClusterSerialTest
{
    private static final int NODES = 1_000;
    private static final int DIALLERS = 6;

    @TempDir
    Path dir;

    @Test
    void shouldNeverHandOutASerialTwiceWhenThreeInstancesRegisterAtOnce() throws Exception
    {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final ExecutorService diallers = Executors.newFixedThreadPool(DIALLERS);
        try (ClusterFixture cluster = new ClusterFixture(dir).heartbeatMs(10_000))
        {
            final List<SignalingServer> servers = cluster.instances(3);
            final List<CompletableFuture<SignalingRegistration>> registered = new ArrayList<>();
            final List<SignalingClient> clients = new ArrayList<>();
            final List<CompletableFuture<SignalingClient>> launched = new ArrayList<>();
            for (int i = 0; i < NODES; i++)
            {
                final String uri = servers.get(i % 3).uri();
                launched.add(CompletableFuture.supplyAsync(() -> SignalingClient.launch(
                    cluster.clientContext("acme:load:1", uri).preferEpoll(false).eventLoopGroup(group)), diallers));
            }
            for (final CompletableFuture<SignalingClient> client : launched)
            {
                clients.add(cluster.track(client.get(30, TimeUnit.SECONDS)));
            }
            clients.forEach(client -> registered.add(client.registered()));
            CompletableFuture.allOf(registered.toArray(new CompletableFuture<?>[0])).get(90, TimeUnit.SECONDS);

            final Set<Long> serials = new HashSet<>();
            long largest = 0;
            for (final CompletableFuture<SignalingRegistration> registration : registered)
            {
                final ActrId id = registration.join().id();
                serials.add(id.getSerialNumber());
                largest = Math.max(largest, id.getSerialNumber());
            }
            assertThat(serials).as("no serial handed out twice").hasSize(NODES);
            for (final SignalingServer server : servers)
            {
                assertThat(server.counter(SignalingCounter.REGISTRATIONS))
                    .isEqualTo(NODES / 3 + (server == servers.get(0) ? NODES % 3 : 0));
                assertThat(server.counter(SignalingCounter.BACKPLANE_ERRORS)).isZero();
            }
            final Connection nats = Nats.connect(cluster.nats.url());
            try
            {
                final KeyValueEntry counter = nats.keyValue("actr-signaling-serials")
                    .get(ClusterNames.serialKey(ClusterFixture.REALM));
                assertThat(Long.parseLong(new String(counter.getValue(), StandardCharsets.US_ASCII)))
                    .as("the counter ends at the largest serial").isEqualTo(largest);
            }
            finally
            {
                nats.close();
            }
        }
        finally
        {
            diallers.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
