package dev.actr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Entry point of the {@code actr} command.
 */
public final class ActrMain
{
    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = String.join(System.lineSeparator(),
        "usage: actr <command>",
        "",
        "commands:",
        "  version                             print the actr version, the Java runtime and the wire summary",
        JournalCommand.USAGE,
        "  help                                print this help");

    private ActrMain()
    {
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final int status = run(args, System.out, System.err);
        if (status != EXIT_OK)
        {
            System.exit(status);
        }
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final String command = args.length == 0 ? "help" : args[0];
        switch (command)
        {
            case "version":
            case "--version":
                out.println(versionLine());
                return EXIT_OK;
            case "journal":
                return JournalCommand.run(args, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return EXIT_OK;
            default:
                err.println("actr: unknown command '" + command + "'");
                err.println(USAGE);
                return EXIT_USAGE;
        }
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
}
