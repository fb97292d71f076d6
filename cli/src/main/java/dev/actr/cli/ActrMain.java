package dev.actr.cli;

import dev.actr.cli.demo.NetworkInterfaceProbe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the {@code actr} command: builds the picocli command tree, turns bad arguments into one line and
 * exit status 2, failures into one line and exit status 1.
 */
@Command(name = "actr",
    description = "The actr runtime's command: the demo, journals, live counters, signaling, benchmarks.",
    versionProvider = ActrMain.VersionProvider.class,
    footer = {"", "Exit status: 0 done, 1 failed (diverged replay, stale node, port in use, ...), 2 bad usage or " +
        "missing directory.", "Run it through ./actr at the repository root: it builds once and passes the JVM " +
        "flags."})
public final class ActrMain implements Callable<Integer>
{
    /** Done. */
    static final int EXIT_OK = 0;
    /** The command ran and failed. */
    static final int EXIT_FAILURE = 1;
    /** Bad arguments, or a missing or unreadable file or directory. */
    static final int EXIT_USAGE = 2;

    /** System property: print the stack trace of a failure too. */
    static final String STACKTRACE_PROP_NAME = "actr.stacktrace";
    /** System property the launcher sets: the repository root (where benchmarks/ is). */
    static final String HOME_PROP_NAME = "actr.home";

    /** How {@code actr signaling} starts the signaling server. */
    static final SignalingLauncher SIGNALING = new LanesSignalingLauncher();

    /**
     * Chronicle logs through SLF4J to java.util.logging (slf4j-jdk14); its INFO lines are timing chatter ("Took 12 ms
     * to add mapping"), so the command shows WARNING and above unless a logging configuration file is given. Held
     * here: java.util.logging keeps loggers only weakly.
     */
    private static final Logger CHRONICLE_LOGGER = Logger.getLogger("net.openhft");

    @Spec
    CommandSpec spec;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

    @Mixin
    HelpOption help;

    private ActrMain()
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
        final int status = run(args, System.out, System.err);
        // The command's output is complete: close standard output, so that nothing printed later lands in it.
        // webrtc-java's native code prints "VM attach current thread failed" to it as the JVM exits after a WebRTC
        // lane ran, which would follow, say, a --json document.
        System.out.close();
        if (status != EXIT_OK)
        {
            System.exit(status);
        }
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        return run(args, out, err, SIGNALING, home());
    }

    static int run(
        final String[] args, final PrintStream out, final PrintStream err, final SignalingLauncher signaling,
        final Path home)
    {
        return run(args, out, err, signaling, home, NetworkInterfaceProbe.SYSTEM);
    }

    static int run(
        final String[] args, final PrintStream out, final PrintStream err, final SignalingLauncher signaling,
        final Path home, final NetworkInterfaceProbe interfaces)
    {
        final PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        final PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try
        {
            return commandLine(outWriter, errWriter, signaling, home, interfaces).execute(args);
        }
        finally
        {
            outWriter.flush();
            errWriter.flush();
        }
    }

    static CommandLine commandLine(
        final PrintWriter out, final PrintWriter err, final SignalingLauncher signaling, final Path home)
    {
        return commandLine(out, err, signaling, home, NetworkInterfaceProbe.SYSTEM);
    }

    static CommandLine commandLine(
        final PrintWriter out, final PrintWriter err, final SignalingLauncher signaling, final Path home,
        final NetworkInterfaceProbe interfaces)
    {
        final CommandLine commandLine = new CommandLine(new ActrMain())
            .addSubcommand("demo", new DemoCommand(interfaces))
            .addSubcommand("version", new VersionCommand())
            .addSubcommand("journal", JournalCommand.commandLine())
            .addSubcommand("stat", new StatCommand())
            .addSubcommand("signaling", new SignalingCommand(signaling))
            .addSubcommand("bench", new BenchCommand(home))
            .addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setOut(out)
            .setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(ActrMain::onBadArguments)
            .setExecutionExceptionHandler(ActrMain::onFailure);
        commandLine.getSubcommands().get("bench").setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return EXIT_OK;
    }

    static String versionLine()
    {
        return "actr " + version() + " (Java " + Runtime.version() + ", wire protocol: actr proto2, " +
            "lane frame [payload_type u8][len u32 BE], WebRTC fragment [msg_id u32][frag_index u16][total u16])";
    }

    static String version()
    {
        final Properties properties = new Properties();
        try (InputStream in = ActrMain.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties.getProperty("version", "unknown");
    }

    private static Path home()
    {
        final String home = System.getProperty(HOME_PROP_NAME);
        return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    }

    private static int onBadArguments(final ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final String name = commandLine.getCommandSpec().qualifiedName();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException && !commandLine.getSubcommands().isEmpty() &&
            !((UnmatchedArgumentException)ex).getUnmatched().isEmpty() &&
            !((UnmatchedArgumentException)ex).getUnmatched().get(0).startsWith("-"))
        {
            message = "unknown command '" + ((UnmatchedArgumentException)ex).getUnmatched().get(0) + "'";
        }
        commandLine.getErr().println(name + ": " + oneLine(message) + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }

    private static int onFailure(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final int status;
        final String message;
        if (ex instanceof CliException)
        {
            status = ((CliException)ex).exitStatus();
            message = ex.getMessage();
        }
        else if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException)
        {
            status = EXIT_USAGE;
            message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        }
        else
        {
            status = EXIT_FAILURE;
            message = ex.toString();
        }
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(message));
        if (Boolean.getBoolean(STACKTRACE_PROP_NAME))
        {
            ex.printStackTrace(err);
        }
        return status;
    }

    private static String oneLine(final String message)
    {
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** {@code actr version}: the version line. */
    @Command(name = "version", description = "Print the actr version, the Java runtime and the wire summary.")
    static final class VersionCommand implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Override
        public Integer call()
        {
            spec.commandLine().getOut().println(versionLine());
            return EXIT_OK;
        }
    }

    /** {@code actr --version}: the same line. */
    static final class VersionProvider implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            return new String[] {versionLine()};
        }
    }
}
