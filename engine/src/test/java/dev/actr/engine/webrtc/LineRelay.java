package dev.actr.engine.webrtc;

import dev.actr.codec.proto.ActrRelay;
import dev.actr.lanes.webrtc.RelayChannel;
import dev.actr.lanes.webrtc.RelayHandler;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.Base64;
import java.util.function.Consumer;

/**
 * Test relay between a parent JVM and its child, in text lines over the child's stdin and stdout: each relay is a
 * line {@code relay <base64 of the ActrRelay>}; other lines (logs) pass by. Relays that arrive before the lane opened
 * the channel are dropped (the lane's timeouts cover a lost relay).
 */
public final class LineRelay implements RelayChannel
{
    /** Prefix of a relay line. */
    public static final String PREFIX = "relay ";

    private final Consumer<String> writeLine;
    private volatile RelayHandler handler;

    /**
     * @param writeLine writes one line (without its newline) to the other process; called under this relay's lock.
     */
    public LineRelay(final Consumer<String> writeLine)
    {
        this.writeLine = writeLine;
    }

    @Override
    public void open(final RelayHandler handler)
    {
        this.handler = handler;
    }

    @Override
    public synchronized boolean send(final ActrRelay relay)
    {
        try
        {
            writeLine.accept(PREFIX + Base64.getEncoder().encodeToString(relay.toByteArray()));
            return true;
        }
        catch (final RuntimeException ex)
        {
            return false; // the other process went away
        }
    }

    /**
     * A line from the other process: a relay goes to the lane, anything else is ignored.
     *
     * @param line the line.
     */
    public void onLine(final String line)
    {
        final RelayHandler current = handler;
        if (current == null || !line.startsWith(PREFIX))
        {
            return;
        }
        try
        {
            current.onRelay(ActrRelay.parseFrom(Base64.getDecoder().decode(line.substring(PREFIX.length()))));
        }
        catch (final InvalidProtocolBufferException | IllegalArgumentException ex)
        {
            System.err.println("relay line dropped: " + ex);
        }
    }
}
