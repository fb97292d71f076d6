package dev.actr.cli.demo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Whether the WebRTC lane can run here. libwebrtc ignores the loopback interface: it gathers ICE candidates only on
 * other interfaces, so even two peers on one host need one that is up and has an address; without one a connection
 * never forms. The demo asks before it runs the {@code webrtc} lane, so that it says so at once instead of waiting
 * for a connection timeout. A seam: tests give one that reports no interface.
 */
@FunctionalInterface
public interface NetworkInterfaceProbe
{
    /** This machine's interfaces, as the JVM sees them. */
    NetworkInterfaceProbe SYSTEM = NetworkInterfaceProbe::firstUsable;

    /**
     * @return an interface WebRTC can gather candidates on, described ({@code "eth0 192.0.2.2"}), or empty when
     * there is none.
     */
    Optional<String> usableInterface();

    /**
     * @return the first interface that is up, not loopback, with an IPv4 address or an IPv6 address that is not
     * link-local; or empty.
     */
    static Optional<String> firstUsable()
    {
        try
        {
            for (final NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                if (!nif.isUp() || nif.isLoopback())
                {
                    continue;
                }
                for (final InetAddress address : Collections.list(nif.getInetAddresses()))
                {
                    if (!address.isLoopbackAddress() &&
                        (address instanceof Inet4Address || !address.isLinkLocalAddress()))
                    {
                        return Optional.of(nif.getName() + ' ' + address.getHostAddress());
                    }
                }
            }
            return Optional.empty();
        }
        catch (final SocketException ex)
        {
            return Optional.empty();
        }
    }
}
