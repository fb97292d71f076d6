package dev.actr.benchmarks;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrType;
import dev.actr.lanes.signaling.SignalingClient;
import dev.actr.lanes.signaling.SignalingClientContext;
import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Registration and discovery throughput of signaling: one instance of a cluster on NATS JetStream against three
 * instances of one cluster, with a single embedded server (nothing shared, no NATS) as the baseline, in one run.
 * After a warm-up phase (embedded, a quarter of the load, not reported), each phase registers
 * {@code actr.bench.signalingNodes} nodes (quick 300, full 3,000; 16 types, spread round robin
 * over the instances, all dialling at once from one client event loop group), then sends
 * {@code actr.bench.signalingDiscoveries} discovery requests (quick 1,000, full 20,000; at most 64 in flight, from
 * nodes on every instance, no client cache) and times each. The probe starts its own {@code nats-server -js} on a
 * free loopback port (the {@code nats-server} on the PATH, or in /usr/sbin) with a store in a temporary directory.
 * Everything runs on this machine, so the cluster's instances share its cores with NATS and the clients: the
 * figures compare the configurations, they do not measure a deployment. Writes {@code signaling-cluster.json} to
 * the results directory ({@link ProbeReport}).
 */
public final class SignalingClusterProbe
{
    private static final int TYPES = 16;
    private static final int IN_FLIGHT = 64;
    private static final long HEARTBEAT_MS = 30_000;
    private static final long TIMEOUT_S = 300;

    private static int natsPort;

    private SignalingClusterProbe()
    {
    }

    /**
     * Run the three phases and write the report.
     *
     * @param args none.
     * @throws Exception when a phase fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int nodes = (int)ProbeReport.setting("actr.bench.signalingNodes", 300, 3_000);
        final int discoveries = (int)ProbeReport.setting("actr.bench.signalingDiscoveries", 1_000, 20_000);
        final Path work = Files.createTempDirectory("actr-signaling-probe");
        final Map<String, Object> report = ProbeReport.header("SignalingClusterProbe");
        report.put("nodes", nodes);
        report.put("discoveries", discoveries);
        final Process nats = startNats(work);
        try
        {
            final String natsUrl = "nats://127.0.0.1:" + natsPort;
            phase(work, null, "warmup", 1, Math.max(50, nodes / 4), Math.max(100, discoveries / 4)); // JIT, not reported
            final Map<String, Object> phases = new LinkedHashMap<>();
            phases.put("embedded-1 (baseline)", phase(work, null, "embedded", 1, nodes, discoveries));
            phases.put("cluster-1", phase(work, natsUrl, "probe1", 1, nodes, discoveries));
            phases.put("cluster-3", phase(work, natsUrl, "probe3", 3, nodes, discoveries));
            report.put("phases", phases);
        }
        finally
        {
            nats.destroy();
            nats.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("wrote " + ProbeReport.write("signaling-cluster.json", report));
    }

    private static Map<String, Object> phase(
        final Path work, final String natsUrl, final String cluster, final int instanceCount, final int nodes,
        final int discoveries) throws Exception
    {
        final List<SignalingServer> servers = new ArrayList<>();
        final List<SignalingClient> clients = new ArrayList<>();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try
        {
            for (int i = 0; i < instanceCount; i++)
            {
                final SignalingServerContext ctx = new SignalingServerContext().port(0).heartbeatIntervalMs(HEARTBEAT_MS)
                    .maxConnections(nodes + 16).directory(work.resolve(cluster + "-" + i));
                if (natsUrl != null)
                {
                    ctx.nats(natsUrl).clusterName(cluster).instanceId(cluster + "-" + i);
                }
                servers.add(SignalingServer.launch(ctx));
            }
            final List<SignalingClientContext> contexts = new ArrayList<>();
            for (int i = 0; i < nodes; i++)
            {
                contexts.add(new SignalingClientContext()
                    .serverUri(servers.get(i % instanceCount).uri())
                    .actrType(type(i % TYPES)).realmId(1).eventLoopGroup(group).preferEpoll(false)
                    .requestTimeoutMs(60_000).discoveryCacheTtlMs(0).conclude()); // node keys made before timing
            }
            final long registerStartNs = System.nanoTime();
            final List<CompletableFuture<?>> registered = new ArrayList<>();
            for (final SignalingClientContext ctx : contexts)
            {
                final SignalingClient client = SignalingClient.launch(ctx);
                clients.add(client);
                registered.add(client.registered());
            }
            CompletableFuture.allOf(registered.toArray(new CompletableFuture<?>[0])).get(TIMEOUT_S, TimeUnit.SECONDS);
            final long registerNs = System.nanoTime() - registerStartNs;

            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Semaphore inFlight = new Semaphore(IN_FLIGHT);
            final Random random = new Random(42);
            final long discoverStartNs = System.nanoTime();
            for (int i = 0; i < discoveries; i++)
            {
                inFlight.acquire();
                final long sentNs = System.nanoTime();
                clients.get(i % Math.min(clients.size(), 3 * TYPES)).discover(type(random.nextInt(TYPES)))
                    .whenComplete((answer, failure) ->
                    {
                        synchronized (latency)
                        {
                            latency.recordValue(System.nanoTime() - sentNs);
                        }
                        inFlight.release();
                    });
            }
            inFlight.acquire(IN_FLIGHT);
            final long discoverNs = System.nanoTime() - discoverStartNs;

            final Map<String, Object> result = new LinkedHashMap<>();
            result.put("instances", instanceCount);
            result.put("nats", natsUrl != null);
            result.put("registerMs", TimeUnit.NANOSECONDS.toMillis(registerNs));
            result.put("registrationsPerSecond", Math.round(nodes * 1e9 / registerNs));
            result.put("discoverMs", TimeUnit.NANOSECONDS.toMillis(discoverNs));
            result.put("discoveriesPerSecond", Math.round(discoveries * 1e9 / discoverNs));
            result.put("discoveryLatencyUs", ProbeReport.percentilesUs(latency));
            result.put("listedByFirstInstance", servers.get(0).serviceRegisteredCount());
            System.out.println(cluster + " x" + instanceCount + ": " + result);
            return result;
        }
        finally
        {
            for (final SignalingClient client : clients)
            {
                client.close();
            }
            for (final SignalingServer server : servers)
            {
                server.close();
            }
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static ActrType type(final int index)
    {
        return ActrIds.parseType("probe:t" + index + ":1");
    }

    private static Process startNats(final Path work) throws IOException
    {
        String binary = null;
        final String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        for (final String directory : path.split(File.pathSeparator))
        {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "nats-server")))
            {
                binary = Path.of(directory, "nats-server").toString();
                break;
            }
        }
        if (binary == null)
        {
            throw new IllegalStateException("nats-server is not installed (Debian: apt-get install nats-server)");
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            natsPort = socket.getLocalPort();
        }
        final Path log = work.resolve("nats.log");
        final Process process = new ProcessBuilder(List.of(binary, "-js", "-a", "127.0.0.1", "-p",
            Integer.toString(natsPort), "-sd", Files.createDirectories(work.resolve("nats")).toString()))
            .redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("Server is ready"))
        {
            if (!process.isAlive() || System.nanoTime() - deadlineNs > 0)
            {
                process.destroyForcibly();
                throw new IllegalStateException("nats-server did not start: " + Files.readString(log));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return process;
    }
}
