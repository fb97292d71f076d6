package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.ClusterSigningKey;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.SigningKeyRing;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Signing keys across the cluster: each instance signs with its own key (kept in its own directory) and publishes
 * every public key it has in the keys bucket as {@code key.<id>} → {@link ClusterSigningKey}; key ids come from the
 * bucket's counter, so they are unique across instances. Every instance watches the bucket and puts the others'
 * keys in its ring, so it verifies (resumes) and serves ({@code get_signing_key}) any instance's key. A current
 * key's {@code valid_until} is pushed forward while its instance lives; a dead instance's key therefore stops
 * verifying when the last credential it could have signed expires.
 *
 * <p>Threading: {@link #adopt} at launch; {@link #publish}, {@link #lookup}, {@link #delete} and
 * {@link #pruneOthers} on the backplane's worker; {@link #record} and {@link #onWatched} on the registry thread.
 */
final class ClusterSigningKeys
{
    private static final System.Logger LOGGER = System.getLogger(ClusterSigningKeys.class.getName());

    private final ClusterStore store;
    private final SigningKeyStore keys;
    private final long credentialLifetimeSec;
    private final long refreshSec;

    ClusterSigningKeys(
        final ClusterStore store, final SigningKeyStore keys, final long credentialLifetimeMs, final long refreshMs)
    {
        this.store = store;
        this.keys = keys;
        this.credentialLifetimeSec = credentialLifetimeMs / 1000;
        this.refreshSec = Math.max(1, refreshMs / 1000);
    }

    /**
     * At launch: give up local keys whose ids another instance's key holds (a directory that was not made in this
     * cluster; a current one is replaced by a fresh key with a cluster id), then publish every key this instance
     * has.
     */
    void adopt(final long nowSec) throws IOException, JetStreamApiException
    {
        for (final int keyId : keys.keyIds())
        {
            final KeyValueEntry entry = store.keys.get(ClusterNames.signingKeyKey(keyId));
            final ClusterSigningKey other = entry == null ? null : decode(entry);
            if (other == null || Arrays.equals(other.getPublicKey().toByteArray(), keys.publicKeyRaw(keyId)))
            {
                continue;
            }
            LOGGER.log(System.Logger.Level.WARNING, "signing key id " + Integer.toUnsignedString(keyId) +
                " of this directory belongs to another instance's key in the cluster; giving this one up");
            if (keyId == keys.currentKeyId())
            {
                keys.rotate(nowSec, store.nextKeyId(keys.maxKeyId()));
            }
            keys.forget(keyId);
        }
        for (final int keyId : keys.keyIds())
        {
            publish(record(keyId, nowSec));
        }
    }

    /**
     * @return the record of one of this instance's keys, as it should stand now.
     */
    ClusterSigningKey record(final int keyId, final long nowSec)
    {
        final boolean current = keyId == keys.currentKeyId();
        return ClusterSigningKey.newBuilder()
            .setKeyId(keyId)
            .setPublicKey(ByteString.copyFrom(keys.publicKeyRaw(keyId)))
            .setInstanceId(store.names.instanceId)
            .setValidUntil(current ? nowSec + credentialLifetimeSec + 2 * refreshSec : keys.validUntilSec(keyId))
            .setRetired(!current)
            .build();
    }

    /**
     * Write one of this instance's key records (create it, or update it if it holds the same public key).
     *
     * @throws IOException when the id holds another instance's key.
     */
    void publish(final ClusterSigningKey record) throws IOException, JetStreamApiException
    {
        final String key = ClusterNames.signingKeyKey(record.getKeyId());
        for (int attempt = 0; attempt < ClusterStore.MAX_CAS_ATTEMPTS; attempt++)
        {
            final KeyValueEntry entry = store.keys.get(key);
            try
            {
                if (entry == null || entry.getOperation() != KeyValueOperation.PUT)
                {
                    store.keys.create(key, record.toByteArray());
                    return;
                }
                final ClusterSigningKey existing = decode(entry);
                if (existing != null && !existing.getPublicKey().equals(record.getPublicKey()))
                {
                    throw new IOException("signing key id " + Integer.toUnsignedString(record.getKeyId()) +
                        " holds the key of instance " + existing.getInstanceId());
                }
                store.keys.update(key, record.toByteArray(), entry.getRevision());
                return;
            }
            catch (final JetStreamApiException conflict)
            {
                // written meanwhile: read it again
            }
        }
        throw new IOException("signing key record " + key + " kept changing");
    }

    /**
     * @return the record of key {@code keyId} in the bucket, or null.
     */
    ClusterSigningKey lookup(final int keyId) throws IOException, JetStreamApiException
    {
        final KeyValueEntry entry = store.keys.get(ClusterNames.signingKeyKey(keyId));
        return entry == null ? null : decode(entry);
    }

    void delete(final int keyId) throws IOException, JetStreamApiException
    {
        store.keys.delete(ClusterNames.signingKeyKey(keyId));
    }

    /**
     * Delete the records of keys (any instance's) whose window ended before {@code nowSec}.
     */
    void pruneOthers(final long nowSec) throws IOException, JetStreamApiException, InterruptedException
    {
        for (final String key : store.keys.keys())
        {
            if (!key.startsWith(ClusterNames.SIGNING_KEY_PREFIX))
            {
                continue;
            }
            final KeyValueEntry entry = store.keys.get(key);
            final ClusterSigningKey record = entry == null ? null : decode(entry);
            if (record != null && record.getValidUntil() < nowSec)
            {
                try
                {
                    store.keys.delete(key, entry.getRevision());
                }
                catch (final JetStreamApiException refreshed)
                {
                    // its owner pushed it forward meanwhile
                }
            }
        }
    }

    /**
     * A key record changed in the bucket: put another instance's key in this instance's ring (or take it out).
     */
    void onWatched(final KeyValueEntry entry)
    {
        final String key = entry.getKey();
        if (!key.startsWith(ClusterNames.SIGNING_KEY_PREFIX))
        {
            return;
        }
        final int keyId;
        try
        {
            keyId = Integer.parseUnsignedInt(key.substring(ClusterNames.SIGNING_KEY_PREFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return;
        }
        if (keys.owns(keyId))
        {
            return;
        }
        final SigningKeyRing ring = keys.ring();
        final ClusterSigningKey record = entry.getOperation() == KeyValueOperation.PUT ? decode(entry) : null;
        final PublicKey publicKey = record == null ? null : Ed25519Keys.fromRaw(record.getPublicKey().toByteArray());
        if (publicKey == null)
        {
            ring.remove(keyId);
        }
        else
        {
            ring.put(keyId, publicKey, record.getValidUntil());
        }
    }

    private static ClusterSigningKey decode(final KeyValueEntry entry)
    {
        if (entry.getValue() == null)
        {
            return null;
        }
        try
        {
            return ClusterSigningKey.parseFrom(entry.getValue());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return null;
        }
    }
}
