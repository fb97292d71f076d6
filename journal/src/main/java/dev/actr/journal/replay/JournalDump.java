package dev.actr.journal.replay;

import dev.actr.codec.proto.RpcEnvelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a journal as readable text, one line per record (format in {@link RecordText}'s Javadoc, e.g.
 * {@code dispatch #12 t=2026-11-23T12:00:00.000000001Z actor=1@1/acme:book:1 caller=host MESSAGE REQUEST
 * route=acme.Book.Place id=42 timeout=500ms payload=17B}). Indexes are named from the directory's manifest;
 * envelopes and chunks are decoded, and bytes that do not decode print as {@code malformed (N bytes)}.
 * Cold path: allocates per record.
 */
public final class JournalDump
{
    private JournalDump()
    {
    }

    /**
     * Print the records of one journal that match a filter.
     *
     * @param directory the journal directory.
     * @param kind      the journal to print.
     * @param filter    which records to print.
     * @param out       where lines go, each ended by {@code '\n'}.
     * @return how many records were printed.
     * @throws IllegalArgumentException naming the path when the directory or that journal does not exist.
     * @throws UncheckedIOException when {@code out} fails.
     */
    public static long dump(final Path directory, final JournalKind kind, final DumpFilter filter, final Appendable out)
    {
        final JournalManifest manifest = JournalManifest.read(directory);
        final int[] actorIndexes = actorIndexes(filter.actor(), manifest);
        long ordinal = 0;
        long printed = 0;
        try (JournalReader reader = JournalReader.open(directory, kind))
        {
            while (reader.next())
            {
                final JournalRecord record = reader.record();
                final String line = lineIfMatching(record, ordinal++, filter, actorIndexes, manifest);
                if (line != null)
                {
                    out.append(line).append('\n');
                    printed++;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the dump of " + kind.directoryName(), ex);
        }
        return printed;
    }

    private static String lineIfMatching(
        final JournalRecord record,
        final long ordinal,
        final DumpFilter filter,
        final int[] actorIndexes,
        final JournalManifest manifest)
    {
        if (!record.isComplete())
        {
            return DumpFilter.all().equals(filter) ? RecordText.line(record, ordinal, null, manifest) : null;
        }
        if (!filter.matchesTime(record.timeNs()) || (actorIndexes != null && !involves(record, actorIndexes)))
        {
            return null;
        }
        final RecordBody body = RecordBody.decode(record);
        if (filter.route() != null || filter.direction() != null)
        {
            final RpcEnvelope envelope = body.envelope();
            if (envelope == null ||
                (filter.route() != null && !filter.route().equals(envelope.getRouteKey())) ||
                (filter.direction() != null && filter.direction() != envelope.getDirection()))
            {
                return null;
            }
        }
        return RecordText.line(record, ordinal, body, manifest);
    }

    private static boolean involves(final JournalRecord record, final int[] actorIndexes)
    {
        for (final int index : actorIndexes)
        {
            if (index == record.actorIndex() || index == record.callerIndex() || index == record.senderIndex() ||
                index == record.targetIndex())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the indexes an actor criterion names (empty when it names none), or null for no criterion.
     */
    private static int[] actorIndexes(final String actor, final JournalManifest manifest)
    {
        if (actor == null)
        {
            return null;
        }
        final List<Integer> indexes = new ArrayList<>();
        final List<String> actorIds = manifest.actorIds();
        for (int i = 0; i < actorIds.size(); i++)
        {
            if (actorIds.get(i).equals(actor))
            {
                indexes.add(i);
            }
        }
        if (indexes.isEmpty() && !actor.isEmpty() && actor.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            try
            {
                indexes.add(Integer.parseInt(actor));
            }
            catch (final NumberFormatException ex)
            {
                return new int[0];
            }
        }
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }
}
