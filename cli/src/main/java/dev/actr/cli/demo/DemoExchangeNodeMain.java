package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The exchange side of the demo (exchange and market data) on a durable, journalled node of its own, in a process
 * of its own: the second JVM of the two-process topologies. The lane that joins it to the client side is a
 * {@link DemoLaneBinding}, chosen by name; everything else — actors, ids, node settings, the journal the parent
 * replays afterwards ({@link DemoNodes#replayOf}) — is what the in-process topologies use.
 *
 * <pre>
 *   java &lt;JVM flags&gt; -cp actr.jar dev.actr.cli.demo.DemoExchangeNodeMain --dir DIR [--lane NAME]
 *       [--signaling URI] [--client-node ID] [--exchange-node ID]
 * </pre>
 * {@code --client-node} is where market data streams to the subscriber; without it the parent tells the id on
 * standard input once the node is ready — on a network lane the id the signaling service assigned the parent's
 * client node, which registers while this process starts. {@code --exchange-node} is this node's id on a lane of
 * fixed ids; a network lane ({@code websocket}, {@code webrtc}, which need {@code --signaling}) ignores it, as
 * signaling assigns the node's id.
 *
 * <p>Standard output, one line each: {@code READY <address>} once the node runs and its lane is ready
 * ({@link DemoLaneBinding#address}: on a network lane the node's assigned id); {@code BOUND <id>} for each
 * {@code CLIENT <id>} line read (the client node's id, learned once); {@code STOPPED} once it closed after
 * {@code STOP} (or the end of standard input), exit code 0. A node that cannot launch, whose lane does not get ready,
 * or that is told a client id it cannot take, prints {@code FAILED <reason>} and exits 1; bad arguments exit 2.
 * {@code DIR} must be empty or absent. The parent sends no request before {@code BOUND}, so market data knows where
 * the subscriber is before it streams anything.
 */
public final class DemoExchangeNodeMain
{
    /** Exit code: stopped as told. */
    public static final int EXIT_OK = 0;
    /** Exit code: the node could not launch. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad arguments. */
    public static final int EXIT_USAGE = 2;

    private static final String CLIENT_ROLE = "the client node";
    private static final String CLIENT_COMMAND = "CLIENT ";

    static final String USAGE = "usage: DemoExchangeNodeMain --dir DIR [--lane none|websocket|webrtc] " +
        "[--signaling URI] [--client-node ID] [--exchange-node ID]";

    private DemoExchangeNodeMain()
    {
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, DemoLaneBindings::forName, in, System.out, System.err));
    }

    /**
     * @param args     the command line.
     * @param bindings finds the binding of a lane name and signaling service.
     * @param in       where {@code CLIENT} and {@code STOP} come from.
     * @param out      where {@code READY}, {@code BOUND}, {@code STOPPED} and {@code FAILED} go.
     * @param err      where usage errors go.
     * @return the exit code.
     */
    static int run(
        final String[] args,
        final DemoLaneBindings.Lookup bindings,
        final BufferedReader in,
        final PrintStream out,
        final PrintStream err)
    {
        final Map<String, String> options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        final DemoLaneBinding binding;
        try
        {
            binding = bindings.find(options.getOrDefault("--lane", DemoLaneBinding.NONE.name()),
                options.get("--signaling"));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return EXIT_USAGE;
        }
        if (binding == null)
        {
            err.println("unknown lane '" + options.get("--lane") + "'");
            return EXIT_USAGE;
        }
        final ActrId exchangeNode = id(options, "--exchange-node", DemoIds.EXCHANGE_NODE, err);
        final ActrId knownClient = id(options, "--client-node", null, err);
        if (exchangeNode == null || (knownClient == null && options.containsKey("--client-node")))
        {
            return EXIT_USAGE;
        }
        final PeerNodeId clientNode = knownClient != null ? PeerNodeId.known(CLIENT_ROLE, knownClient) :
            PeerNodeId.toLearn(CLIENT_ROLE);
        return serve(Path.of(options.get("--dir")), binding, clientNode, exchangeNode, in, out);
    }

    /**
     * Run the exchange side until told to stop.
     *
     * @param directory    the node's folder, empty or absent.
     * @param binding      the lane.
     * @param clientNode   the client side's node id (where the subscriber is), known or to be told on {@code in}.
     * @param exchangeNode this node's id on a lane of fixed ids (a network lane's is assigned by signaling).
     * @param in           where {@code CLIENT} and {@code STOP} come from.
     * @param out          where {@code READY}, {@code BOUND}, {@code STOPPED} and {@code FAILED} go.
     * @return the exit code.
     */
    public static int serve(
        final Path directory,
        final DemoLaneBinding binding,
        final PeerNodeId clientNode,
        final ActrId exchangeNode,
        final BufferedReader in,
        final PrintStream out)
    {
        final ActrNode node;
        try
        {
            DemoNodes.requireEmpty(directory);
            final NodeContext ctx = DemoActors.exchangeSide(DemoNodes.journalledNode(directory, "actr-demo-exchange"),
                DemoAddresses.twoNodes(clientNode, PeerNodeId.known("the exchange node", exchangeNode)));
            binding.bindExchangeNode(ctx, exchangeNode);
            node = ActrNode.launch(ctx);
        }
        catch (final RuntimeException ex)
        {
            return failed(out, ex);
        }
        try (node)
        {
            final String address;
            try
            {
                address = binding.address(node);
            }
            catch (final RuntimeException ex)
            {
                return failed(out, ex);
            }
            out.println("READY " + address);
            out.flush();
            final RuntimeException failure = serveCommands(in, out, clientNode);
            if (failure != null)
            {
                return failed(out, failure);
            }
        }
        out.println("STOPPED");
        out.flush();
        return EXIT_OK;
    }

    private static int failed(final PrintStream out, final RuntimeException ex)
    {
        out.println("FAILED " + oneLine(String.valueOf(ex)));
        out.flush();
        return EXIT_FAILED;
    }

    /**
     * Read the parent's lines until {@code STOP} or the end of the input: {@code CLIENT <id>} teaches the client
     * node's id (answered {@code BOUND <id>}); anything else is ignored.
     *
     * @return null to stop cleanly, or why the node must stop as failed.
     */
    private static RuntimeException serveCommands(
        final BufferedReader in, final PrintStream out, final PeerNodeId clientNode)
    {
        try
        {
            String line;
            while ((line = in.readLine()) != null && !"STOP".equals(line.trim()))
            {
                if (line.startsWith(CLIENT_COMMAND))
                {
                    clientNode.learn(ActrIds.parse(line.substring(CLIENT_COMMAND.length()).trim()));
                    out.println("BOUND " + ActrIds.format(clientNode.id()));
                    out.flush();
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("standard input failed; stopping", ex);
        }
        catch (final RuntimeException ex)
        {
            return ex;
        }
    }

    private static ActrId id(
        final Map<String, String> options, final String option, final ActrId fallback, final PrintStream err)
    {
        final String text = options.get(option);
        try
        {
            return text == null ? fallback : ActrIds.parse(text);
        }
        catch (final RuntimeException ex)
        {
            err.println(option + ": " + ex.getMessage());
            return null;
        }
    }

    private static String oneLine(final String text)
    {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /** The command line: {@code --name value} pairs. */
    private static final class Options
    {
        static Map<String, String> parse(final String[] args)
        {
            final Map<String, String> options = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i += 2)
            {
                if (!args[i].startsWith("--") || i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                if (!java.util.Set.of("--dir", "--lane", "--signaling", "--client-node", "--exchange-node").contains(args[i]))
                {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                options.put(args[i], args[i + 1]);
            }
            if (!options.containsKey("--dir"))
            {
                throw new IllegalArgumentException("--dir is required");
            }
            return options;
        }
    }
}
