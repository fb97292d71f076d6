package dev.actr.lanes.webrtc;

import java.util.List;

/**
 * A STUN or TURN server for ICE, as a deployment configures it ({@link WebRtcLaneContext#iceServers}). None by
 * default: peers then use host candidates only.
 */
public final class IceServer
{
    private final List<String> urls;
    private final String username;
    private final String credential;

    /**
     * @param urls       {@code stun:host:port} or {@code turn:host:port?transport=udp} URLs of one server.
     * @param username   TURN user name, or null.
     * @param credential TURN password, or null.
     */
    public IceServer(final List<String> urls, final String username, final String credential)
    {
        if (urls == null || urls.isEmpty())
        {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        this.urls = List.copyOf(urls);
        this.username = username;
        this.credential = credential;
    }

    /**
     * @return the server's URLs.
     */
    public List<String> urls()
    {
        return urls;
    }

    /**
     * @return TURN user name, or null.
     */
    public String username()
    {
        return username;
    }

    /**
     * @return TURN password, or null.
     */
    public String credential()
    {
        return credential;
    }

    @Override
    public String toString()
    {
        return "IceServer{urls=" + urls + (username == null ? "" : ", username=" + username) + '}';
    }
}
