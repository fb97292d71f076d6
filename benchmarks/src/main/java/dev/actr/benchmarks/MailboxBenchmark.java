package dev.actr.benchmarks;

import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.mailbox.InMemoryMailbox;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.journal.mailbox.MessagePriority;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cost of one message through a mailbox, one at a time: enqueue a 64-byte message, poll it, ack it. The durable
 * {@link ChronicleMailbox} (FsyncPolicy.NONE; with {@code maxDeliveries} 5, the default, each poll also journals a
 * POLLED record, with 0 it does not) against two baselines in the same class: {@link InMemoryMailbox}, the floor,
 * and {@link SqliteMailboxBaseline}, the seed's SQLite mailbox (WAL, synchronous=NORMAL, a commit per operation).
 *
 * <p>Each measurement iteration gets a fresh mailbox in a fresh temporary directory (deleted after it), so the
 * queue files of one iteration stay a few hundred MB at most.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MailboxBenchmark
{
    /** Bytes per message. */
    public static final int MESSAGE_BYTES = 64;

    /** The message, and the handler that takes the polled one. */
    @State(Scope.Thread)
    public static class Message implements MailboxHandler
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
        long polledId;
        long polledValue;

        /**
         * Fill the message.
         */
        @Setup(Level.Trial)
        public void fill()
        {
            for (int i = 0; i < MESSAGE_BYTES; i++)
            {
                buffer.putByte(i, (byte)i);
            }
        }

        @Override
        public void onMessage(final long messageId, final DirectBuffer buffer, final int offset, final int length)
        {
            polledId = messageId;
            polledValue = buffer.getLong(offset + length - Long.BYTES);
        }
    }

    /** A {@link ChronicleMailbox} in a temporary directory. */
    @State(Scope.Thread)
    public static class Chronicle
    {
        @Param({"5", "0"})
        int maxDeliveries;

        Path directory;
        ChronicleMailbox mailbox;

        /**
         * Open an empty mailbox.
         *
         * @throws IOException if the directory cannot be created.
         */
        @Setup(Level.Iteration)
        public void open() throws IOException
        {
            directory = Files.createTempDirectory("actr-mailbox-bench");
            mailbox = ChronicleMailbox.open(new ChronicleMailboxContext()
                .directory(directory)
                .fsyncPolicy(FsyncPolicy.NONE)
                .maxDeliveries(maxDeliveries));
        }

        /**
         * Close the mailbox and delete its files.
         *
         * @throws IOException if a file cannot be deleted.
         */
        @TearDown(Level.Iteration)
        public void close() throws IOException
        {
            mailbox.close();
            deleteRecursively(directory);
        }
    }

    /** An {@link InMemoryMailbox}. */
    @State(Scope.Thread)
    public static class InMemory
    {
        final InMemoryMailbox mailbox = new InMemoryMailbox(1024, 1024 * 1024);
    }

    /** The seed's SQLite mailbox in a temporary directory. */
    @State(Scope.Thread)
    public static class Sqlite
    {
        Path directory;
        SqliteMailboxBaseline mailbox;

        /**
         * Open an empty mailbox.
         *
         * @throws IOException  if the directory cannot be created.
         * @throws SQLException if SQLite fails.
         */
        @Setup(Level.Iteration)
        public void open() throws IOException, SQLException
        {
            directory = Files.createTempDirectory("actr-mailbox-bench-sqlite");
            mailbox = new SqliteMailboxBaseline(directory.resolve("mailbox.db"));
        }

        /**
         * Close the mailbox and delete its files.
         *
         * @throws IOException if a file cannot be deleted.
         */
        @TearDown(Level.Iteration)
        public void close() throws IOException
        {
            mailbox.close();
            deleteRecursively(directory);
        }
    }

    /**
     * @param chronicle the mailbox.
     * @param message   to send.
     * @return the last 8 bytes of the polled message.
     */
    @Benchmark
    public long chronicleEnqueuePollAck(final Chronicle chronicle, final Message message)
    {
        return enqueuePollAck(chronicle.mailbox, message);
    }

    /**
     * @param inMemory the mailbox.
     * @param message  to send.
     * @return the last 8 bytes of the polled message.
     */
    @Benchmark
    public long baselineInMemoryEnqueuePollAck(final InMemory inMemory, final Message message)
    {
        return enqueuePollAck(inMemory.mailbox, message);
    }

    /**
     * @param sqlite  the mailbox.
     * @param message to send.
     * @return the last 8 bytes of the polled message.
     */
    @Benchmark
    public long baselineSqliteEnqueuePollAck(final Sqlite sqlite, final Message message)
    {
        return enqueuePollAck(sqlite.mailbox, message);
    }

    private static long enqueuePollAck(final Mailbox mailbox, final Message message)
    {
        final long id = mailbox.enqueue(MessagePriority.NORMAL, message.buffer, 0, MESSAGE_BYTES);
        if (mailbox.poll(MessagePriority.NORMAL, message, 1) != 1 || message.polledId != id)
        {
            throw new IllegalStateException("polled " + message.polledId + ", enqueued " + id);
        }
        mailbox.ack(id);
        return message.polledValue;
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.delete(path);
            }
        }
    }
}
