package dev.actr.cli;

import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts the lanes module's {@link SignalingServer} (Netty, WebSocket) with its context's defaults for everything
 * but the address, the directory and, for an instance of a cluster, the NATS servers, cluster name and instance id.
 */
final class LanesSignalingLauncher implements SignalingLauncher
{
    @Override
    public Running launch(final String host, final int port, final Path directory)
    {
        return launch(host, port, directory, List.of(), null, null);
    }

    @Override
    public Running launch(
        final String host, final int port, final Path directory, final List<String> natsUrls,
        final String clusterName, final String instanceId)
    {
        final SignalingServerContext ctx = new SignalingServerContext()
            .host(host)
            .port(port)
            .directory(directory)
            .nats(natsUrls.toArray(new String[0]));
        if (clusterName != null)
        {
            ctx.clusterName(clusterName);
        }
        if (instanceId != null)
        {
            ctx.instanceId(instanceId);
        }
        final SignalingServer server = SignalingServer.launch(ctx);
        return new Running()
        {
            @Override
            public String uri()
            {
                return server.uri();
            }

            @Override
            public void close()
            {
                server.close();
            }
        };
    }
}
