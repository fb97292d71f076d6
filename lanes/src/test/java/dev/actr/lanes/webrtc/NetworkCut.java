package dev.actr.lanes.webrtc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Cuts the test network of this JVM's namespace, and mends it: while cut, a routing rule answers every packet to
 * 192.0.2.0/24 with "unreachable", so neither peer hears the other (the relay, in memory, still works, as signaling
 * would on its own path).
 *
 * <p>Why not {@code ip link set v1 down}: both test addresses are local to this one namespace, so the kernel carries
 * packets between them over {@code lo} whatever the veth's state (tried: frames kept flowing with v1 down, and
 * libwebrtc noticed nothing), and this kernel has no {@code netem} to drop packets on {@code lo}. The rule must come
 * before the local table, which is moved behind it (preference 0 to 100) until {@link #close()} puts it back.
 *
 * <p>Only in the test namespace (the JVM runs as root there): it changes nothing outside it.
 */
final class NetworkCut implements AutoCloseable
{
    private static final String CUT_PREF = "10";
    private boolean cut;

    private NetworkCut()
    {
    }

    /**
     * @return a cut network.
     */
    static NetworkCut cut()
    {
        final NetworkCut network = new NetworkCut();
        ip("rule", "add", "pref", "100", "lookup", "local");
        ip("rule", "del", "pref", "0");
        network.block();
        return network;
    }

    private void block()
    {
        ip("rule", "add", "pref", CUT_PREF, "unreachable", "to", "192.0.2.0/24");
        cut = true;
    }

    /** Carry packets again. */
    void mend()
    {
        if (cut)
        {
            ip("rule", "del", "pref", CUT_PREF);
            cut = false;
        }
    }

    /** Mend the network and put the local table back in front. */
    @Override
    public void close()
    {
        mend();
        ip("rule", "add", "pref", "0", "lookup", "local");
        ip("rule", "del", "pref", "100");
    }

    private static void ip(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0)
            {
                fail(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command), ex);
        }
    }
}
