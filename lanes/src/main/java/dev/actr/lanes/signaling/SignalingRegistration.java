package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;

/**
 * This node's registration as the server last confirmed it. Immutable.
 */
public final class SignalingRegistration
{
    private final ActrId id;
    private final AIdCredential credential;
    private final long credentialExpiresAtSec;
    private final long heartbeatIntervalMs;
    private final int signingKeyId;
    private final boolean resumed;

    SignalingRegistration(
        final ActrId id,
        final AIdCredential credential,
        final long credentialExpiresAtSec,
        final long heartbeatIntervalMs,
        final int signingKeyId,
        final boolean resumed)
    {
        this.id = id;
        this.credential = credential;
        this.credentialExpiresAtSec = credentialExpiresAtSec;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.signingKeyId = signingKeyId;
        this.resumed = resumed;
    }

    SignalingRegistration withCredential(final AIdCredential renewed, final long expiresAtSec, final int keyId)
    {
        return new SignalingRegistration(id, renewed, expiresAtSec, heartbeatIntervalMs, keyId, resumed);
    }

    /**
     * @return the id the server assigned.
     */
    public ActrId id()
    {
        return id;
    }

    /**
     * @return the current credential.
     */
    public AIdCredential credential()
    {
        return credential;
    }

    /**
     * @return when the credential expires, Unix epoch seconds.
     */
    public long credentialExpiresAtSec()
    {
        return credentialExpiresAtSec;
    }

    /**
     * @return the heartbeat interval the server asked for.
     */
    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * @return the id of the key that signed the credential.
     */
    public int signingKeyId()
    {
        return signingKeyId;
    }

    /**
     * @return true when the server kept the node's previous id (a resume after reconnecting).
     */
    public boolean resumed()
    {
        return resumed;
    }

    @Override
    public String toString()
    {
        return "SignalingRegistration{" + ActrIds.format(id) + ", expiresAt=" + credentialExpiresAtSec +
            ", keyId=" + signingKeyId + ", heartbeatMs=" + heartbeatIntervalMs + ", resumed=" + resumed + '}';
    }
}
