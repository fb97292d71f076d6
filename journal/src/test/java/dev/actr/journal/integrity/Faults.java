package dev.actr.journal.integrity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damage to inflict on one cycle file, chosen from a walk of the intact file so that it lands where it matters:
 * truncations at record boundaries, inside record headers, in the middle and at the end of records, in the store
 * header and the index; flipped bytes in record headers, payloads, the store header and index entries; the file
 * deleted; plus a few random positions per seed. Each fault knows the first byte it touches: every record that ends
 * before it must come through whole.
 */
final class Faults
{
    /** One fault. */
    record Fault(String name, Kind kind, long position, int mask)
    {
        /**
         * @return the first byte the fault touches (records ending before it must survive), or
         * {@link Long#MAX_VALUE} when it touches no record's bytes.
         */
        long damageStart()
        {
            return kind == Kind.INDEX_FLIP ? Long.MAX_VALUE : position;
        }

        void apply(final Path file)
        {
            try
            {
                switch (kind)
                {
                    case TRUNCATE:
                        StoreCuts.truncate(file, position);
                        break;
                    case DELETE:
                        Files.delete(file);
                        break;
                    default:
                        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                        {
                            raf.seek(position);
                            final int value = raf.read();
                            raf.seek(position);
                            raf.write(value ^ mask);
                        }
                        break;
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * @return true when bytes that were written are lost or changed (a store must notice, except a payload flip,
         * which no layout without a checksum can).
         */
        boolean mustBeDetected(final long written)
        {
            return kind == Kind.TRUNCATE && position < written || kind == Kind.INDEX_FLIP;
        }

        @Override
        public String toString()
        {
            return name + "@" + position + (kind == Kind.TRUNCATE || kind == Kind.DELETE ? "" : "^" + mask);
        }
    }

    /** What a fault does. */
    enum Kind
    {
        TRUNCATE, FLIP, INDEX_FLIP, DELETE
    }

    private Faults()
    {
    }

    /**
     * @param intact a cycle file as the store left it.
     * @param random the seeded source of the random positions.
     * @param randomFaults how many random truncations and flips to add.
     * @return the faults to try on copies of it.
     */
    static List<Fault> of(final Path intact, final Random random, final int randomFaults) throws IOException
    {
        final CycleFileScan scan = CycleFileScan.scan(intact);
        final long written = written(scan);
        final int n = (int)scan.dataRecords;
        final List<Fault> faults = new ArrayList<>();
        faults.add(new Fault("truncate to empty", Kind.TRUNCATE, 0, 0));
        faults.add(new Fault("truncate in store header", Kind.TRUNCATE, 100, 0));
        faults.add(new Fault("truncate in index2index", Kind.TRUNCATE, scan.metadata[0] + 64, 0));
        if (scan.metadataDocuments > 1)
        {
            faults.add(new Fault("truncate in index array", Kind.TRUNCATE, scan.metadata[2] + 64, 0));
            faults.add(new Fault("flip index entry", Kind.INDEX_FLIP, indexEntry(scan), 0x10));
        }
        faults.add(new Fault("truncate before first record", Kind.TRUNCATE, header(scan, 0), 0));
        faults.add(new Fault("truncate in first record header", Kind.TRUNCATE, header(scan, 0) + 2, 0));
        faults.add(new Fault("truncate in middle record", Kind.TRUNCATE, middleOf(scan, n / 2), 0));
        faults.add(new Fault("truncate at middle boundary", Kind.TRUNCATE, header(scan, n / 2), 0));
        faults.add(new Fault("truncate in last record header", Kind.TRUNCATE, header(scan, n - 1) + 1, 0));
        faults.add(new Fault("truncate in last record", Kind.TRUNCATE, middleOf(scan, n - 1), 0));
        faults.add(new Fault("truncate one byte short", Kind.TRUNCATE, written - 1, 0));
        faults.add(new Fault("truncate at the end of the records", Kind.TRUNCATE, written, 0));
        faults.add(new Fault("flip record length bit", Kind.FLIP, header(scan, n / 2), 0x20));
        faults.add(new Fault("flip record length high bit", Kind.FLIP, header(scan, n / 2) + 2, 0x01));
        faults.add(new Fault("flip not-complete bit", Kind.FLIP, header(scan, n / 3) + 3, 0x80));
        faults.add(new Fault("flip payload", Kind.FLIP, middleOf(scan, n / 2), 0x5A));
        faults.add(new Fault("flip store header writePosition", Kind.FLIP, writePositionByte(scan), 0x01));
        faults.add(new Fault("delete the cycle file", Kind.DELETE, 0, 0));
        for (int i = 0; i < randomFaults; i++)
        {
            faults.add(new Fault("random truncate", Kind.TRUNCATE, random.nextInt((int)written), 0));
            faults.add(new Fault("random flip", Kind.FLIP, random.nextInt((int)written), 1 << random.nextInt(8)));
        }
        return faults;
    }

    /**
     * @return the index of the last record that ends before the fault's first byte, plus one: how many records
     * must come through whole.
     */
    static int intactRecords(final Path intact, final Fault fault) throws IOException
    {
        final CycleFileScan scan = CycleFileScan.scan(intact);
        final long start = fault.kind() == Kind.DELETE ? 0 : fault.damageStart();
        int k = 0;
        while (k < scan.dataRecords && scan.records[2 * k] + scan.records[2 * k + 1] <= start &&
            scan.records[2 * k] - Integer.BYTES < start)
        {
            k++;
        }
        return k;
    }

    static long written(final Path file) throws IOException
    {
        return written(CycleFileScan.scan(file));
    }

    private static long written(final CycleFileScan scan)
    {
        final int n = (int)scan.dataRecords;
        return scan.records[2 * (n - 1)] + scan.records[2 * (n - 1) + 1];
    }

    private static long header(final CycleFileScan scan, final int record)
    {
        return scan.records[2 * record] - Integer.BYTES;
    }

    private static long middleOf(final CycleFileScan scan, final int record)
    {
        return scan.records[2 * record] + scan.records[2 * record + 1] / 2;
    }

    private static long indexEntry(final CycleFileScan scan)
    {
        // The first index array's first entry holds the position of record 0: find those 8 bytes.
        final long recordZero = header(scan, 0);
        try
        {
            final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(scan.file))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            final int start = (int)scan.metadata[2];
            for (int at = start; at < start + 64; at++)
            {
                if (bytes.getLong(at) == recordZero)
                {
                    return at;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        throw new AssertionError("no index entry for record 0 in " + scan.file);
    }

    private static long writePositionByte(final CycleFileScan scan)
    {
        // Header, field name, PADDING32 (5 bytes + 1 pad byte), the array code, capacity and used: then the value.
        return Integer.BYTES + CycleFileScan.indexOf(scan.storeHeader, "writePosition".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII)) + 13 + 6 + 1 + 16;
    }

    /**
     * Copy a store's directory (its files are small in tests); a lock file in it comes along, held by nobody: a
     * stale lock the copy must open over.
     */
    static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.naturalOrder())::iterator)
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Path onlyCycleFile(final Path queueDirectory)
    {
        final List<Path> files = QueueRepair.cycleFiles(queueDirectory);
        if (files.size() != 1)
        {
            throw new AssertionError("expected one cycle file in " + queueDirectory + ": " + files);
        }
        return files.get(0);
    }
}
