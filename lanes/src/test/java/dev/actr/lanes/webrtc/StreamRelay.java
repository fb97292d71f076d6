package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrRelay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Test relay between two processes: length-delimited {@link ActrRelay}s over a pair of streams (a child JVM's
 * stdin and stdout). A reader thread delivers what arrives.
 */
final class StreamRelay implements RelayChannel
{
    private final InputStream in;
    private final OutputStream out;
    private final String name;

    StreamRelay(final InputStream in, final OutputStream out, final String name)
    {
        this.in = in;
        this.out = out;
        this.name = name;
    }

    @Override
    public void open(final RelayHandler handler)
    {
        final Thread reader = new Thread(() ->
        {
            try
            {
                ActrRelay relay;
                while ((relay = ActrRelay.parseDelimitedFrom(in)) != null)
                {
                    handler.onRelay(relay);
                }
            }
            catch (final IOException ignored)
            {
                // the other process went away
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized boolean send(final ActrRelay relay)
    {
        try
        {
            relay.writeDelimitedTo(out);
            out.flush();
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
