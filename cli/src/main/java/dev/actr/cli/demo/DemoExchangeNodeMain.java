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
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * {@code --client-node} is where market data streams to the subscriber: on a network lane the id the signaling
 * service assigned the parent's client node. {@code --exchange-node} is this node's id on a lane of fixed ids; a
 * network lane ({@code websocket}, {@code webrtc}, which need {@code --signaling}) ignores it, as signaling assigns
 * the node's id.
 *
 * <p>Standard output, one line each: {@code READY <address>} once the node runs and its lane is ready
 * ({@link DemoLaneBinding#address}: on a network lane the node's assigned id); {@code STOPPED} once it closed after
 * {@code STOP} (or the end of standard input), exit code 0. A node that cannot launch, or whose lane does not get
 * ready, prints {@code FAILED <reason>} and exits 1; bad arguments exit 2. {@code DIR} must be empty or absent.
 */
public final class DemoExchangeNodeMain
{
    /** Exit code: stopped as told. */
    public static final int EXIT_OK = 0;
    /** Exit code: the node could not launch. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad arguments. */
    public static final int EXIT_USAGE = 2;

    /**
     * Chronicle's INFO lines are timing chatter: WARNING and above only, as the {@code actr} command does, unless a
     * logging configuration file is given. Held here: java.util.logging keeps loggers only weakly.
     */
    private static final Logger CHRONICLE_LOGGER = Logger.getLogger("net.openhft");

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
        if (System.getProperty("java.util.logging.config.file") == null)
        {
            CHRONICLE_LOGGER.setLevel(Level.WARNING);
        }
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, DemoLaneBindings::forName, in, System.out, System.err));
    }

    /**
     * @param args     the command line.
     * @param bindings finds the binding of a lane name and signaling service.
     * @param in       where {@code STOP} comes from.
     * @param out      where {@code READY}, {@code STOPPED} and {@code FAILED} go.
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
        final ActrId clientNode = id(options, "--client-node", DemoIds.CLIENT_NODE, err);
        final ActrId exchangeNode = id(options, "--exchange-node", DemoIds.EXCHANGE_NODE, err);
        if (clientNode == null || exchangeNode == null)
        {
            return EXIT_USAGE;
        }
        return serve(Path.of(options.get("--dir")), binding, clientNode, exchangeNode, in, out);
    }

    /**
     * Run the exchange side until told to stop.
     *
     * @param directory    the node's folder, empty or absent.
     * @param binding      the lane.
     * @param clientNode   the client side's node id (where the subscriber is).
     * @param exchangeNode this node's id on a lane of fixed ids (a network lane's is assigned by signaling).
     * @param in           where {@code STOP} comes from.
     * @param out          where {@code READY}, {@code STOPPED} and {@code FAILED} go.
     * @return the exit code.
     */
    public static int serve(
        final Path directory,
        final DemoLaneBinding binding,
        final ActrId clientNode,
        final ActrId exchangeNode,
        final BufferedReader in,
        final PrintStream out)
    {
        final ActrNode node;
        try
        {
            DemoNodes.requireEmpty(directory);
            final NodeContext ctx = DemoActors.exchangeSide(DemoNodes.journalledNode(directory, "actr-demo-exchange"),
                DemoAddresses.twoNodes(clientNode, exchangeNode));
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
            awaitStop(in);
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

    private static void awaitStop(final BufferedReader in)
    {
        try
        {
            String line;
            while ((line = in.readLine()) != null && !"STOP".equals(line.trim()))
            {
                // anything else is ignored: the parent only ever says STOP
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("standard input failed; stopping", ex);
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
