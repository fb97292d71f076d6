package dev.actr.engine.internal;

import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;

import java.nio.file.Path;

/**
 * A child JVM for {@link PreflightTest}: launches a node (durable in {@code args[0]}, or in memory when there is no
 * argument), prints {@code launched} and closes it. An exception from the launch escapes {@code main} as a user's
 * would.
 */
public final class PreflightNodeMain
{
    private PreflightNodeMain()
    {
    }

    /**
     * @param args the node's directory, or nothing for a node in memory.
     */
    public static void main(final String[] args)
    {
        final NodeContext ctx = new NodeContext();
        if (args.length > 0)
        {
            ctx.directory(Path.of(args[0]));
        }
        try (ActrNode node = ActrNode.launch(ctx))
        {
            System.out.println("launched " + node.context().directory());
        }
    }
}
