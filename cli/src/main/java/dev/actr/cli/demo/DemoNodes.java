package dev.actr.cli.demo;

import dev.actr.engine.NodeContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The node settings every topology uses, so that the exchange side runs alike in this JVM and in a second process.
 */
public final class DemoNodes
{
    /** Chunks each stream of a node may queue: above {@link MarketDataActor#TAPE_WINDOW}. */
    static final int STREAM_CAPACITY = 2 * MarketDataActor.TAPE_WINDOW;

    private DemoNodes()
    {
    }

    /**
     * @param name of the engine thread.
     * @return an in-memory node for the client side (gateway, risk, subscriber).
     */
    public static NodeContext clientNode(final String name)
    {
        return new NodeContext()
            .streamCapacity(STREAM_CAPACITY)
            .threadFactory(runnable -> new Thread(runnable, name));
    }

    /**
     * @param directory where the node keeps its Chronicle mailbox and its replay journal ({@code journal/}).
     * @param name      of the engine thread.
     * @return a durable node with its replay journal on, for the exchange side (or every actor, on one node).
     */
    public static NodeContext journalledNode(final Path directory, final String name)
    {
        return new NodeContext()
            .directory(directory)
            .journalEnabled(true)
            .streamCapacity(STREAM_CAPACITY)
            .threadFactory(runnable -> new Thread(runnable, name));
    }

    /**
     * @param exchangeSideOnly true when the journalled node ran the exchange side only, false when it ran every
     *                         actor.
     * @param addresses        how the sides reached each other in the recorded run.
     * @param riskTimeoutMs    the gateway's risk deadline in the recorded run.
     * @return a context with fresh instances of the journalled node's actors, in the recorded order, for
     * {@code Replayer.replay}.
     */
    public static NodeContext replayOf(
        final boolean exchangeSideOnly, final DemoAddresses addresses, final long riskTimeoutMs)
    {
        final NodeContext ctx = new NodeContext().streamCapacity(STREAM_CAPACITY);
        if (!exchangeSideOnly)
        {
            DemoActors.clientSide(ctx, addresses, riskTimeoutMs);
        }
        return DemoActors.exchangeSide(ctx, addresses);
    }

    /**
     * Make a node's folder, which must be empty: a durable node in a folder of an earlier run would redeliver what
     * that run left in its mailbox, and its journal would hold two runs.
     *
     * @param directory the folder.
     * @throws IllegalArgumentException when it holds anything.
     * @throws UncheckedIOException     when it cannot be made.
     */
    public static void requireEmpty(final Path directory)
    {
        try
        {
            if (Files.isDirectory(directory))
            {
                try (Stream<Path> entries = Files.list(directory))
                {
                    if (entries.findAny().isPresent())
                    {
                        throw new IllegalArgumentException(directory + " is not empty: a durable node there would " +
                            "redeliver what an earlier run left; give another --dir or remove it");
                    }
                }
            }
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make " + directory, ex);
        }
    }
}
