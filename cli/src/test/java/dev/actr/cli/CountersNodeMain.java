package dev.actr.cli;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.engine.ActrNode;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.testing.ChildJvm;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A node in a child JVM for {@link StatCommandTest}: an echo node with a directory that answers {@code calls} calls,
 * publishes their latency, prints {@code ready}, and runs until killed.
 */
public final class CountersNodeMain
{
    private CountersNodeMain()
    {
    }

    /**
     * @param args the node directory and the number of calls to make.
     */
    public static void main(final String[] args)
    {
        ChildJvm.exitWhenParentDies();
        final ActrNode node = ActrNode.launch(new EchoReplayActors().newContext().directory(Path.of(args[0])));
        final int calls = Integer.parseInt(args[1]);
        for (int i = 0; i < calls; i++)
        {
            node.host().callBlocking(Dest.workload(ActrIds.parse(EchoReplayActors.ECHO)), "acme.Echo.Say",
                Int64Value.of(i), Int64Value.parser(), 10_000);
        }
        node.latencyNs("acme.Echo.Say");
        System.out.println("ready");
        while (true)
        {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }
}
