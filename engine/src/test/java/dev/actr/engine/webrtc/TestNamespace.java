package dev.actr.engine.webrtc;

import org.junit.jupiter.api.Assumptions;

import java.net.InetAddress;
import java.net.NetworkInterface;

import static org.assertj.core.api.Assertions.fail;

/**
 * Whether this JVM runs in the WebRTC test network of {@code .ci/netns}: the engine module's webrtc-netns Surefire
 * execution starts the {@code netns}-tagged tests through {@code .ci/netns-jdk/bin/java}, which puts the JVM (and
 * the child JVMs it starts) in a private namespace holding only {@code lo} and a veth pair on 192.0.2.10 and
 * 192.0.2.11 (TEST-NET-1), and sets {@code ACTR_NETNS}.
 */
public final class TestNamespace
{
    private TestNamespace()
    {
    }

    /**
     * Skip the test (saying why) when no namespace could be made here (not root) or the JVM was not started in one;
     * fail it when the namespace lacks its test addresses.
     */
    public static void assumeAvailable()
    {
        final String unavailable = System.getenv("ACTR_NETNS_UNAVAILABLE");
        Assumptions.assumeTrue(unavailable == null,
            () -> "WebRTC tests skipped: no test network namespace: " + unavailable);
        final String netns = System.getenv("ACTR_NETNS");
        Assumptions.assumeTrue(netns != null,
            "WebRTC tests skipped: not in a test network namespace (run them through Maven, whose webrtc-netns " +
            "execution starts the JVM with .ci/netns-jdk/bin/java, or under `.ci/netns private java ...`)");
        if (!hasAddress("192.0.2.10") || !hasAddress("192.0.2.11"))
        {
            fail("ACTR_NETNS=" + netns + " but the namespace lacks 192.0.2.10 and 192.0.2.11");
        }
    }

    private static boolean hasAddress(final String address)
    {
        try
        {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
