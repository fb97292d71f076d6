package dev.actr.benchmarks;

import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.journal.mailbox.MessagePriority;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The seed's durable mailbox, as the baseline of {@link MailboxBenchmark}: one SQLite table in WAL mode with
 * {@code synchronous=NORMAL} and autocommit, so every operation is one transaction. Enqueue INSERTs a queued row,
 * poll SELECTs the oldest queued row of a priority and UPDATEs it to in flight (per message), ack DELETEs the row;
 * opening it puts rows left in flight back to queued. Not shipped: benchmarks only.
 *
 * <pre>
 *   mailbox(id INTEGER PRIMARY KEY AUTOINCREMENT, priority INTEGER, state INTEGER, payload BLOB)
 *   state: 0 queued, 1 in flight
 * </pre>
 *
 * <p>NOT thread safe.
 */
final class SqliteMailboxBaseline implements Mailbox
{
    private static final int QUEUED = 0;
    private static final int IN_FLIGHT = 1;

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement selectOldest;
    private final PreparedStatement markInFlight;
    private final PreparedStatement delete;
    private final PreparedStatement count;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private DepthObserver depthObserver;

    /**
     * @param file of the database; created if missing.
     * @throws SQLException if SQLite fails.
     */
    SqliteMailboxBaseline(final Path file) throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement())
        {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("CREATE TABLE IF NOT EXISTS mailbox (id INTEGER PRIMARY KEY AUTOINCREMENT, " +
                "priority INTEGER NOT NULL, state INTEGER NOT NULL, payload BLOB NOT NULL)");
            statement.execute("CREATE INDEX IF NOT EXISTS mailbox_queue ON mailbox (priority, state, id)");
            statement.execute("UPDATE mailbox SET state = " + QUEUED + " WHERE state = " + IN_FLIGHT);
        }
        connection.setAutoCommit(true);
        insert = connection.prepareStatement(
            "INSERT INTO mailbox (priority, state, payload) VALUES (?, " + QUEUED + ", ?)",
            Statement.RETURN_GENERATED_KEYS);
        selectOldest = connection.prepareStatement(
            "SELECT id, payload FROM mailbox WHERE priority = ? AND state = " + QUEUED + " ORDER BY id LIMIT 1");
        markInFlight = connection.prepareStatement("UPDATE mailbox SET state = " + IN_FLIGHT + " WHERE id = ?");
        delete = connection.prepareStatement("DELETE FROM mailbox WHERE id = ?");
        count = connection.prepareStatement("SELECT COUNT(*) FROM mailbox WHERE priority = ? AND state = ?");
    }

    @Override
    public long enqueue(final MessagePriority priority, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        try
        {
            insert.setInt(1, priority.ordinal());
            insert.setBytes(2, payload);
            insert.executeUpdate();
            final long id;
            try (ResultSet keys = insert.getGeneratedKeys())
            {
                keys.next();
                id = keys.getLong(1);
            }
            if (depthObserver != null)
            {
                depthObserver.onDepth(priority, queued(priority));
            }
            return id;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public int poll(final MessagePriority priority, final MailboxHandler handler, final int limit)
    {
        int polled = 0;
        try
        {
            while (polled < limit)
            {
                // The oldest queued row, read and released before the UPDATE so that it commits by itself.
                final long id;
                final byte[] payload;
                selectOldest.setInt(1, priority.ordinal());
                try (ResultSet rows = selectOldest.executeQuery())
                {
                    if (!rows.next())
                    {
                        break;
                    }
                    id = rows.getLong(1);
                    payload = rows.getBytes(2);
                }
                markInFlight.setLong(1, id);
                markInFlight.executeUpdate();
                view.wrap(payload);
                polled++;
                handler.onMessage(id, view, 0, payload.length);
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
        return polled;
    }

    @Override
    public void ack(final long messageId)
    {
        try
        {
            delete.setLong(1, messageId);
            delete.executeUpdate();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public int queued(final MessagePriority priority)
    {
        return count(priority, QUEUED);
    }

    @Override
    public int inFlight(final MessagePriority priority)
    {
        return count(priority, IN_FLIGHT);
    }

    private int count(final MessagePriority priority, final int state)
    {
        try
        {
            count.setInt(1, priority.ordinal());
            count.setInt(2, state);
            try (ResultSet rows = count.executeQuery())
            {
                rows.next();
                return rows.getInt(1);
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void depthObserver(final DepthObserver observer)
    {
        this.depthObserver = observer;
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
