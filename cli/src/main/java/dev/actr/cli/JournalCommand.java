package dev.actr.cli;

import dev.actr.codec.proto.Direction;
import dev.actr.engine.ActrNode;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.replay.DumpFilter;
import dev.actr.journal.replay.JournalDump;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code actr journal stats|dump|effects|replay|repair}: reads a node's replay journal (the {@code journal/} directory
 * under the node's directory; the node's directory itself is accepted too) and the effects its handlers committed,
 * and repairs a damaged commit journal.
 */
@Command(name = "journal", description = "Read a node's replay journal and committed effects; repair its commit " +
    "journal.")
final class JournalCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    static CommandLine commandLine()
    {
        return new CommandLine(new JournalCommand())
            .addSubcommand("stats", new Stats())
            .addSubcommand("dump", new Dump())
            .addSubcommand("effects", new Effects())
            .addSubcommand("replay", new JournalReplayCommand())
            .addSubcommand("repair", new JournalRepairCommand());
    }

    @Override
    public Integer call()
    {
        throw new CliException(ActrMain.EXIT_USAGE,
            "expected a subcommand: stats, dump, effects, replay or repair (see 'actr journal --help')");
    }

    /**
     * @param path a journal directory, or a node directory that holds one.
     * @return the journal directory.
     */
    static Path journalDirectory(final Path path)
    {
        final Path nested = path.resolve("journal");
        return Files.isDirectory(nested) ? nested : path;
    }

    /**
     * @param nodeDirectory a durable node's directory.
     * @return its commit (dedup) journal's directory.
     * @throws CliException (usage) when the directory holds none.
     */
    static Path dedupDirectory(final Path nodeDirectory)
    {
        final Path dedup = nodeDirectory.resolve("dedup");
        if (!Files.isDirectory(dedup))
        {
            throw new CliException(ActrMain.EXIT_USAGE, nodeDirectory + " is not a durable node's directory (no dedup/)");
        }
        return dedup;
    }

    @Command(name = "stats", description = "Record counts, sizes and time bounds of each journal.")
    static final class Stats implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "<dir>", description = "The journal directory (or the node's directory).")
        Path directory;

        @Override
        public Integer call()
        {
            CliException.requireJvmFlags(true);
            spec.commandLine().getOut().println(JournalStats.of(journalDirectory(directory)));
            return ActrMain.EXIT_OK;
        }
    }

    @Command(name = "dump", description = "Print a journal as text, one record a line.")
    static final class Dump implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "<dir>", description = "The journal directory (or the node's directory).")
        Path directory;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "dispatch",
            description = "ingress, dispatch or outbound (default: ${DEFAULT-VALUE}).")
        JournalKind kind;

        @Option(names = "--actor", paramLabel = "ID|INDEX", description = "Only records of this actor.")
        String actor;

        @Option(names = "--route", paramLabel = "KEY", description = "Only records of this route.")
        String route;

        @Option(names = "--direction", paramLabel = "DIR", description = "REQUEST, RESPONSE or TELL.")
        Direction direction;

        @Option(names = "--from", paramLabel = "NS", description = "Only records at or after this engine time.")
        Long fromNs;

        @Option(names = "--to", paramLabel = "NS", description = "Only records before this engine time.")
        Long toNs;

        @Override
        public Integer call()
        {
            CliException.requireJvmFlags(true);
            DumpFilter filter = DumpFilter.all();
            filter = actor == null ? filter : filter.actor(actor);
            filter = route == null ? filter : filter.route(route);
            filter = direction == null ? filter : filter.direction(direction);
            filter = fromNs == null ? filter : filter.fromNs(fromNs);
            filter = toNs == null ? filter : filter.toNs(toNs);
            final PrintWriter out = spec.commandLine().getOut();
            final long printed = JournalDump.dump(journalDirectory(directory), kind, filter, out);
            out.println("(" + printed + " records)");
            return ActrMain.EXIT_OK;
        }
    }

    @Command(name = "effects", description = "Print the effects the node's handlers committed, in commit order.")
    static final class Effects implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "<node dir>", description = "The node's directory.")
        Path nodeDirectory;

        @Override
        public Integer call()
        {
            dedupDirectory(nodeDirectory);
            CliException.requireJvmFlags(true);
            final PrintWriter out = spec.commandLine().getOut();
            final StringBuilder line = new StringBuilder();
            long printed = 0;
            try (EffectReader reader = ActrNode.effectReader(nodeDirectory))
            {
                int read;
                do
                {
                    read = reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
                    {
                        line.setLength(0);
                        line.append("record=").append(Long.toHexString(index)).append(" #").append(ordinal)
                            .append(" actor=").append(responder).append(" caller=").append(caller)
                            .append(" request=").append(Long.toUnsignedString(key)).append(' ');
                        appendBytes(line, buffer, offset, length);
                        out.println(line);
                    }, 256);
                    printed += read;
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
}
