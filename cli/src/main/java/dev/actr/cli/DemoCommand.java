package dev.actr.cli;

import dev.actr.cli.demo.Demo;
import dev.actr.cli.demo.DemoContext;
import dev.actr.cli.demo.DemoResult;
import dev.actr.cli.demo.NetworkInterfaceProbe;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actr demo}: runs the trading demo ({@link Demo}) on each lane asked for and exits 0 only when every check
 * passed. Options are checked before anything runs; a lane that cannot run here (WebRTC without a network interface)
 * fails at once when asked for by name, and is left out, with a note, from the default lanes.
 */
@Command(name = "demo",
    description = {"Run a small trading system of typed actors on each lane, check it and print what it measured.",
        "A host sends a seeded flow of orders and cancels to a gateway, which checks each with risk and places it " +
        "with an exchange (a real order book); market data streams the trades and the top of the book to a " +
        "subscriber. The exchange runs on a durable node with its journal on, replayed afterwards with fresh actors.",
        "Checked on every lane: no request lost, the exchange saw them in seed order, the fills the same on every " +
        "lane, the streams complete and in order, the replay identical."},
    footer = {"", "Lanes: local (one node), in-process (two nodes, this JVM), websocket and webrtc (the exchange in " +
        "a second JVM; a signaling server embedded here assigns the nodes' ids). webrtc needs a network interface " +
        "other than loopback.", "", "Exit status: 0 every check passed, 1 a check failed or a lane cannot run " +
        "here, 2 bad options."})
final class DemoCommand implements Callable<Integer>
{
    private final NetworkInterfaceProbe probe;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "" + DemoContext.ORDERS_DEFAULT,
        description = "Requests (new orders and cancels) sent on each lane (default: ${DEFAULT-VALUE}).")
    int orders;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LoadMode mode = new LoadMode();

    @Option(names = "--lanes", paramLabel = "LANE", split = ",",
        description = "Lanes to run, in order, comma-separated: local, in-process, websocket, webrtc (default: " +
        "in-process,websocket,webrtc; webrtc left out, with a note, where it cannot run).")
    List<String> lanes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DemoContext.SEED_DEFAULT,
        description = "Seed of the order flow: the same seed makes the same fills (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", paramLabel = "D",
        description = "Keep each lane's journalled node under D/<lane> (default: a temporary folder, deleted).")
    Path directory;

    @Option(names = "--keep", description = "Keep the nodes' folders and print the actr journal commands that " +
        "explore them.")
    boolean keep;

    @Option(names = "--json", description = "Print the results as one JSON document (no progress bar).")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar (there is none when output is not a terminal).")
    boolean noProgress;

    DemoCommand(final NetworkInterfaceProbe probe)
    {
        this.probe = probe;
    }

    @Override
    public Integer call()
    {
        final DemoContext ctx = context();
        CliException.requireJvmFlags(true);
        final PrintStream out = WriterOutputStream.printStream(spec.commandLine().getOut());
        final DemoResult result = Demo.run(ctx, out);
        out.flush();
        return result.exitCode() == DemoResult.EXIT_OK ? ActrMain.EXIT_OK : ActrMain.EXIT_FAILURE;
    }

    /**
     * @return the options as a concluded context.
     * @throws CliException status 2 for a bad option, 1 for a lane that cannot run here.
     */
    DemoContext context()
    {
        require(orders > 0, "--orders must be > 0, not " + orders);
        require(mode.outstanding > 0, "--outstanding must be > 0, not " + mode.outstanding);
        require(mode.ratePerSecond >= 0, "--rate must be >= 0 (0: the closed loop), not " + mode.ratePerSecond);
        final DemoContext ctx = new DemoContext()
            .orders(orders)
            .outstanding(mode.outstanding)
            .ratePerSecond(mode.ratePerSecond)
            .seed(seed)
            .directory(directory)
            .keep(keep)
            .json(json)
            .progress(!noProgress && isTerminal())
            .networkInterfaceProbe(probe);
        if (lanes != null)
        {
            ctx.lanes(lanes);
        }
        try
        {
            return ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException(ActrMain.EXIT_USAGE, ex.getMessage().replaceFirst(": DemoContext\\{.*$", ""));
        }
        catch (final IllegalStateException ex)
        {
            throw new CliException(ActrMain.EXIT_FAILURE, ex.getMessage());
        }
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new CliException(ActrMain.EXIT_USAGE, message);
        }
    }

    /**
     * @return whether standard output is a terminal: a console exists and (JDK 22+, where a console exists for
     * redirected output too) says it is one.
     */
    static boolean isTerminal()
    {
        final Console console = System.console();
        if (console == null)
        {
            return false;
        }
        try
        {
            return (Boolean)Console.class.getMethod("isTerminal").invoke(console);
        }
        catch (final NoSuchMethodException ex)
        {
            return true;
        }
        catch (final IllegalAccessException | InvocationTargetException ex)
        {
            return false;
        }
    }

    /** Closed loop (requests in flight) or open loop (a rate); not both. */
    static final class LoadMode
    {
        @Option(names = "--outstanding", paramLabel = "N", defaultValue = "" + DemoContext.OUTSTANDING_DEFAULT,
            description = "Closed loop: requests in flight at once (default: ${DEFAULT-VALUE}).")
        int outstanding = DemoContext.OUTSTANDING_DEFAULT;

        @Option(names = "--rate", paramLabel = "PER_S", defaultValue = "0",
            description = "Open loop: requests per second, each timed from when it was due (coordinated omission " +
            "corrected); 0 runs the closed loop.")
        long ratePerSecond;
    }
}
