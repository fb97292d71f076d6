package dev.actr.cli;

import dev.actr.codec.proto.Direction;
import dev.actr.journal.replay.DumpFilter;
import dev.actr.journal.replay.JournalDump;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;

import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code actr journal dump|stats <journal directory> [options]}: reads a node's replay journal (the
 * {@code journal/} directory under the node's directory).
 */
final class JournalCommand
{
    static final String USAGE = String.join(System.lineSeparator(),
        "  journal stats <dir>                 record counts, sizes and time bounds of each journal",
        "  journal dump <dir> [--kind ingress|dispatch|outbound] [--actor ID|INDEX] [--route KEY]",
        "                     [--direction REQUEST|RESPONSE|TELL] [--from NS] [--to NS]",
        "                                      print a journal as text (default kind: dispatch)");

    private JournalCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length < 3)
        {
            err.println("actr journal: expected 'stats <dir>' or 'dump <dir> [options]'");
            return ActrMain.EXIT_USAGE;
        }
        final Path directory = Path.of(args[2]);
        try
        {
            switch (args[1])
            {
                case "stats":
                    out.println(JournalStats.of(directory));
                    return ActrMain.EXIT_OK;
                case "dump":
                    return dump(args, directory, out, err);
                default:
                    err.println("actr journal: unknown subcommand '" + args[1] + "'");
                    return ActrMain.EXIT_USAGE;
            }
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            err.println("actr journal: " + ex.getMessage());
            return ActrMain.EXIT_USAGE;
        }
    }

    private static int dump(final String[] args, final Path directory, final PrintStream out, final PrintStream err)
    {
        JournalKind kind = JournalKind.DISPATCH;
        DumpFilter filter = DumpFilter.all();
        for (int i = 3; i < args.length; i += 2)
        {
            if (i + 1 >= args.length)
            {
                err.println("actr journal dump: option " + args[i] + " needs a value");
                return ActrMain.EXIT_USAGE;
            }
            final String value = args[i + 1];
            switch (args[i])
            {
                case "--kind":
                    kind = JournalKind.valueOf(value.toUpperCase(Locale.ROOT));
                    break;
                case "--actor":
                    filter = filter.actor(value);
                    break;
                case "--route":
                    filter = filter.route(value);
                    break;
                case "--direction":
                    filter = filter.direction(Direction.valueOf(value.toUpperCase(Locale.ROOT)));
                    break;
                case "--from":
                    filter = filter.fromNs(Long.parseLong(value));
                    break;
                case "--to":
                    filter = filter.toNs(Long.parseLong(value));
                    break;
                default:
                    err.println("actr journal dump: unknown option " + args[i]);
                    return ActrMain.EXIT_USAGE;
            }
        }
        final long printed = JournalDump.dump(directory, kind, filter, out);
        out.println("(" + printed + " records)");
        return ActrMain.EXIT_OK;
    }
}
