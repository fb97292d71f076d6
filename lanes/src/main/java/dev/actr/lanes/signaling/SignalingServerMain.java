package dev.actr.lanes.signaling;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a standalone signaling server until the process is stopped:
 * <pre>
 *   java ... dev.actr.lanes.signaling.SignalingServerMain --port 8765 --dir /var/lib/actr/signaling
 *        [--host 0.0.0.0] [--heartbeat-ms 15000] [--credential-lifetime-ms 3600000] [--key-rotation-ms 604800000]
 *        [--nats nats://host:4222[,nats://...]] [--cluster-name actr] [--instance-id ID] [--nats-replicas 1]
 * </pre>
 * {@code --nats} makes the server one instance of a cluster on NATS JetStream (docs/SIGNALING-CLUSTER.md).
 * Prints {@code actr signaling listening on ws://host:port/signaling} once it listens. The {@code actr signaling}
 * command of the CLI calls {@link #run(String[])}.
 */
public final class SignalingServerMain
{
    private SignalingServerMain()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException when interrupted while running.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final SignalingServerContext ctx;
        try
        {
            ctx = parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println("usage: SignalingServerMain --port P --dir D [--host H] [--heartbeat-ms N] " +
                "[--credential-lifetime-ms N] [--key-rotation-ms N] [--nats URL[,URL...]] [--cluster-name NAME] " +
                "[--instance-id ID] [--nats-replicas N]");
            System.exit(2);
            return;
        }
        run(ctx);
    }

    /**
     * Launch with the parsed arguments, print the address, and block until the JVM shuts down.
     *
     * @param args see the class comment.
     * @throws InterruptedException when interrupted while running.
     */
    public static void run(final String[] args) throws InterruptedException
    {
        run(parse(args));
    }

    private static void run(final SignalingServerContext ctx) throws InterruptedException
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        final SignalingServer server = SignalingServer.launch(ctx);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "actr-signaling-shutdown"));
        System.out.println("actr signaling listening on " + server.uri() + " (keys in " + ctx.directory() +
            (ctx.clustered() ? "; instance " + server.instanceId() + " of cluster " + ctx.clusterName() + " on " +
            String.join(",", ctx.natsUrls()) : "") + ")");
        System.out.flush();
        stopped.await();
    }

    /**
     * @param args see the class comment.
     * @return the context they describe.
     * @throws IllegalArgumentException naming a bad or missing argument.
     */
    public static SignalingServerContext parse(final String[] args)
    {
        final SignalingServerContext ctx = new SignalingServerContext();
        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i];
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("missing value after " + name);
            }
            final String value = args[++i];
            switch (name)
            {
                case "--port":
                    ctx.port(Integer.parseInt(value));
                    break;
                case "--dir":
                    ctx.directory(Path.of(value));
                    break;
                case "--host":
                    ctx.host(value);
                    break;
                case "--heartbeat-ms":
                    ctx.heartbeatIntervalMs(Long.parseLong(value));
                    break;
                case "--credential-lifetime-ms":
                    ctx.credentialLifetimeMs(Long.parseLong(value));
                    break;
                case "--key-rotation-ms":
                    ctx.keyRotationIntervalMs(Long.parseLong(value));
                    break;
                case "--nats":
                    ctx.nats(value.split(","));
                    break;
                case "--cluster-name":
                    ctx.clusterName(value);
                    break;
                case "--instance-id":
                    ctx.instanceId(value);
                    break;
                case "--nats-replicas":
                    ctx.natsReplicas(Integer.parseInt(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + name);
            }
        }
        if (ctx.directory() == null)
        {
            throw new IllegalArgumentException("--dir is required");
        }
        return ctx;
    }
}
