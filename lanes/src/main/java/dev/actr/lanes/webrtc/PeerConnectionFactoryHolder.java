package dev.actr.lanes.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The JVM's one {@link PeerConnectionFactory}, shared by every lane and reference counted: made by the first
 * {@link #acquire()}, disposed by the last {@link #release()} (an undisposed factory keeps the JVM from exiting).
 * Built on a {@link HeadlessAudioDeviceModule}: the default audio module aborts the JVM on a machine with no sound.
 */
final class PeerConnectionFactoryHolder
{
    private static PeerConnectionFactory factory;
    private static HeadlessAudioDeviceModule audioModule;
    private static int references;

    private PeerConnectionFactoryHolder()
    {
    }

    static synchronized PeerConnectionFactory acquire()
    {
        if (references == 0)
        {
            audioModule = new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(audioModule);
        }
        references++;
        return factory;
    }

    static synchronized void release()
    {
        if (references == 0)
        {
            throw new IllegalStateException("released more often than acquired");
        }
        if (--references == 0)
        {
            factory.dispose();
            audioModule.dispose();
            factory = null;
            audioModule = null;
        }
    }

    static synchronized int references()
    {
        return references;
    }
}
