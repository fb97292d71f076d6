package dev.actr.benchmarks;

import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@link OpenLoopLatencyProbe} sends its calls, by mode:
 * <ul>
 *     <li>{@code journal}: one durable node (temporary directory, {@code FsyncPolicy.NONE}) with the replay journal
 *     on; the echo actor is on the same node (in-process lane).</li>
 *     <li>{@code memory}: one in-memory node, no journal (the in-process baseline).</li>
 *     <li>{@code ws-journal}: the echo actor on a second node over the real WebSocket lane ({@link WebSocketPair}),
 *     both nodes durable with the replay journal on.</li>
 *     <li>{@code ws-memory}: the same with two in-memory nodes (the WebSocket baseline).</li>
 * </ul>
 */
final class OpenLoopTarget implements AutoCloseable
{
    /** Every mode, in the default order. */
    static final String MODES = "journal,memory,ws-journal,ws-memory";

    private final String mode;
    private final Path directory;
    private final ActrNode node;
    private final WebSocketPair pair;

    private OpenLoopTarget(final String mode, final Path directory, final ActrNode node, final WebSocketPair pair)
    {
        this.mode = mode;
        this.directory = directory;
        this.node = node;
        this.pair = pair;
    }

    /**
     * @param mode one of {@link #MODES}.
     * @return the launched node or nodes.
     * @throws IllegalArgumentException for an unknown mode.
     */
    static OpenLoopTarget launch(final String mode)
    {
        switch (mode)
        {
            case "memory":
                return new OpenLoopTarget(mode, null, ActrNode.launch(new NodeContext()
                    .actor(BenchNodes.ECHO, BenchNodes.echoActor())), null);
            case "journal":
                final Path directory = BenchNodes.tempDirectory("actr-open-loop");
                try
                {
                    return new OpenLoopTarget(mode, directory, ActrNode.launch(new NodeContext()
                        .actor(BenchNodes.ECHO, BenchNodes.echoActor())
                        .directory(directory.resolve("node")).journalEnabled(true)), null);
                }
                catch (final RuntimeException | Error ex)
                {
                    BenchNodes.deleteRecursively(directory);
                    throw ex;
                }
            case "ws-journal":
            case "ws-memory":
                final WebSocketPair pair = WebSocketPair.launch("ws-journal".equals(mode));
                return new OpenLoopTarget(mode, null, pair.caller(), pair);
            default:
                throw new IllegalArgumentException("unknown mode " + mode + " (one of " + MODES + ")");
        }
    }

    /**
     * @return the node whose host calls.
     */
    ActrNode caller()
    {
        return node;
    }

    /**
     * @return the echo actor, as the caller node reaches it.
     */
    Dest echoDest()
    {
        return pair == null ? BenchNodes.ECHO_DEST : pair.echoDest();
    }

    /**
     * Put the nodes' error counters into a run's report, stop the nodes, then put the journals' record counts.
     *
     * @param run the run's report.
     */
    void stopAndReport(final Map<String, Object> run)
    {
        run.put("lane", pair == null ? "in-process" : "websocket");
        run.put("nodeErrors", errors(node));
        run.put("nodeCallsTimedOut", node.counter(SystemCounter.CALLS_TIMED_OUT));
        if (pair != null)
        {
            run.put("echoNodeErrors", errors(pair.echo()));
            pair.echo().close();
        }
        node.close();
        if ("journal".equals(mode))
        {
            run.put("journalIngressRecords", ingressRecords(directory.resolve("node")));
        }
        else if ("ws-journal".equals(mode))
        {
            run.put("journalIngressRecords", ingressRecords(pair.nodeDirectory("echo")));
            run.put("callerJournalIngressRecords", ingressRecords(pair.nodeDirectory("caller")));
        }
    }

    /**
     * Stop everything and delete the folders.
     */
    @Override
    public void close()
    {
        try
        {
            if (pair != null)
            {
                pair.close();
            }
            else
            {
                node.close();
            }
        }
        finally
        {
            BenchNodes.deleteRecursively(directory);
        }
    }

    private static long errors(final ActrNode node)
    {
        return node.counter(SystemCounter.ERRORS);
    }

    private static long ingressRecords(final Path nodeDirectory)
    {
        return JournalStats.of(nodeDirectory.resolve("journal")).kind(JournalKind.INGRESS).records();
    }
}
