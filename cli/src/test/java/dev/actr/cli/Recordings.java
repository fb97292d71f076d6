package dev.actr.cli;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.engine.ActrNode;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Dest;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Journals for the command's tests, recorded by a real node.
 */
final class Recordings
{
    private Recordings()
    {
    }

    /**
     * Run the {@link EchoReplayActors} node with a replay journal in {@code dir} and call Say, then Shout, once.
     *
     * @param dir the node's directory.
     */
    static void recordTwoCalls(final Path dir)
    {
        try (ActrNode node = ActrNode.launch(new EchoReplayActors().newContext()
            .threadingMode(ThreadingMode.INVOKER)
            .directory(dir)
            .journalEnabled(true)))
        {
            for (final String route : new String[] {"acme.Echo.Say", "acme.Echo.Shout"})
            {
                final CompletableFuture<Int64Value> reply = node.host().call(
                    Dest.workload(ActrIds.parse(EchoReplayActors.ECHO)), route, Int64Value.of(1), Int64Value.parser());
                while (!reply.isDone())
                {
                    node.invoke();
                }
            }
        }
    }
}
