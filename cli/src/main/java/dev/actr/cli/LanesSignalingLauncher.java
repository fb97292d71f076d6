package dev.actr.cli;

import dev.actr.lanes.signaling.SignalingServer;
import dev.actr.lanes.signaling.SignalingServerContext;

import java.nio.file.Path;

/**
 * Starts the lanes module's {@link SignalingServer} (Netty, WebSocket) with its context's defaults for everything
 * but the address and the directory.
 */
final class LanesSignalingLauncher implements SignalingLauncher
{
    @Override
    public Running launch(final String host, final int port, final Path directory)
    {
        final SignalingServer server = SignalingServer.launch(new SignalingServerContext()
            .host(host)
            .port(port)
            .directory(directory));
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
