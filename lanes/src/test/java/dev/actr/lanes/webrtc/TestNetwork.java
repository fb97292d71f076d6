package dev.actr.lanes.webrtc;

import org.junit.jupiter.api.Assumptions;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * Whether this JVM runs in the WebRTC test network of {@code .ci/netns}: Surefire starts the {@code netns}-tagged
 * tests through {@code .ci/netns-jdk/bin/java}, which puts the JVM in a private namespace holding only {@code lo} and a veth
 * pair on 192.0.2.10 and 192.0.2.11 (TEST-NET-1), and sets {@code ACTR_NETNS}.
 */
final class TestNetwork
{
    private TestNetwork()
    {
    }

    /**
     * Skip the test (with the reason) when no namespace could be made here (not root), or when the JVM was not
     * started through {@code .ci/netns-jdk/bin/java}; fail it when the namespace lacks its test addresses.
     */
    static void assumeAvailable()
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
        if (hasOtherRoutableAddress())
        {
            fail("ACTR_NETNS=" + netns + " but this namespace has addresses other than lo and the test pair");
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

    private static boolean hasOtherRoutableAddress()
    {
        try
        {
            for (final NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                for (final InetAddress address : Collections.list(nif.getInetAddresses()))
                {
                    final String text = address.getHostAddress();
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() &&
                        !text.equals("192.0.2.10") && !text.equals("192.0.2.11"))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
        catch (final SocketException ex)
        {
            return true;
        }
    }

    /**
     * @return UDP datagrams this namespace dropped because a socket's receive buffer was full
     * ({@code RcvbufErrors} of {@code /proc/net/snmp}, which is per network namespace), or -1 if unreadable.
     */
    static long udpReceiveBufferErrors()
    {
        try
        {
            final List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                .filter(line -> line.startsWith("Udp:")).collect(Collectors.toList());
            final List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }
}
