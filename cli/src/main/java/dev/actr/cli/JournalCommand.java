package dev.actr.cli;

import dev.actr.codec.proto.Direction;
import dev.actr.engine.ActrNode;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.replay.DumpFilter;
import dev.actr.journal.replay.JournalDump;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;
import org.agrona.DirectBuffer;

import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code actr journal dump|stats <journal directory> [options]}: reads a node's replay journal (the
 * {@code journal/} directory under the node's directory); {@code actr journal effects <node directory>} prints the
 * durable effects its handlers committed.
 */
final class JournalCommand
{
    static final String USAGE = String.join(System.lineSeparator(),
        "  journal stats <dir>                 record counts, sizes and time bounds of each journal",
        "  journal dump <dir> [--kind ingress|dispatch|outbound] [--actor ID|INDEX] [--route KEY]",
        "                     [--direction REQUEST|RESPONSE|TELL] [--from NS] [--to NS]",
        "                                      print a journal as text (default kind: dispatch)",
        "  journal effects <node dir>          print the effects the node's handlers committed, in commit order");

    private JournalCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length < 3)
        {
            err.println("actr journal: expected 'stats <dir>', 'dump <dir> [options]' or 'effects <node dir>'");
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
                case "effects":
                    return effects(directory, out, err);
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

    private static int effects(final Path nodeDirectory, final PrintStream out, final PrintStream err)
    {
        if (!Files.isDirectory(nodeDirectory.resolve("dedup")))
        {
            err.println("actr journal effects: " + nodeDirectory + " is not a durable node's directory (no dedup/)");
            return ActrMain.EXIT_USAGE;
        }
        final StringBuilder line = new StringBuilder();
        long printed = 0;
        try (EffectReader reader = ActrNode.effectReader(nodeDirectory))
        {
            int read;
            do
            {
                final long before = printed;
                read = reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
                {
                    line.setLength(0);
                    line.append("record=").append(Long.toHexString(index)).append(" #").append(ordinal)
                        .append(" actor=").append(responder).append(" caller=").append(caller)
                        .append(" request=").append(Long.toUnsignedString(key)).append(' ');
                    appendBytes(line, buffer, offset, length);
                    out.println(line);
                }, 256);
                printed = before + read;
            }
            while (read > 0);
            out.println("(" + printed + " commit records" +
                (reader.malformedRecords() > 0 ? ", " + reader.malformedRecords() + " malformed" : "") + ")");
        }
        return ActrMain.EXIT_OK;
    }

    /** Printable ASCII as text in quotes, anything else as hex. */
    private static void appendBytes(
        final StringBuilder line, final DirectBuffer buffer, final int offset, final int length)
    {
        boolean printable = true;
        for (int i = 0; i < length && printable; i++)
        {
            final byte b = buffer.getByte(offset + i);
            printable = b >= 0x20 && b < 0x7f;
        }
        if (printable)
        {
            line.append('"').append(buffer.getStringWithoutLengthAscii(offset, length)).append('"');
            return;
        }
        line.append("0x");
        for (int i = 0; i < length; i++)
        {
            line.append(String.format("%02x", buffer.getByte(offset + i) & 0xff));
        }
    }
}
