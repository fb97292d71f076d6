package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;

/**
 * A registered node, as the registry thread knows it.
 */
final class Registration
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
