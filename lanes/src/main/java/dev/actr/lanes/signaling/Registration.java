package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;

/**
 * A node registered on this instance, as the registry thread knows it.
 */
final class Registration implements Candidate
{
    final ActrId id;
    final String idText;
    final ServerConnection connection;
    final String wsAddress;
    final byte[] nodePublicKey;
    long lastSeenMs;
    AIdCredential currentCredential;
    long currentExpiresAtSec;
    AIdCredential previousCredential;
    long previousExpiresAtSec;
    float powerReserve;
    float mailboxBacklog;
    /** In a cluster: the registry bucket revision of this registration's last write (0 until the first). */
    long revision;

    Registration(
        final ActrId id,
        final ServerConnection connection,
        final String wsAddress,
        final byte[] nodePublicKey,
        final long nowMs)
    {
        this.id = id;
        this.idText = ActrIds.format(id);
        this.connection = connection;
        this.wsAddress = wsAddress;
        this.nodePublicKey = nodePublicKey;
        this.lastSeenMs = nowMs;
    }

    @Override
    public ActrId id()
    {
        return id;
    }

    @Override
    public String wsAddress()
    {
        return wsAddress;
    }

    @Override
    public float powerReserve()
    {
        return powerReserve;
    }

    @Override
    public float mailboxBacklog()
    {
        return mailboxBacklog;
    }

    void issued(final AIdCredential credential, final long expiresAtSec)
    {
        previousCredential = currentCredential;
        previousExpiresAtSec = currentExpiresAtSec;
        currentCredential = credential;
        currentExpiresAtSec = expiresAtSec;
    }

    /**
     * @return true when {@code credential} is one this server issued to this registration (the current one or the
     * one before a renewal) and has not expired: no signature check needed.
     */
    boolean issuedAndValid(final AIdCredential credential, final long nowSec)
    {
        return credential.equals(currentCredential) && currentExpiresAtSec > nowSec ||
            credential.equals(previousCredential) && previousExpiresAtSec > nowSec;
    }
}
