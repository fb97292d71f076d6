package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster's JetStream state, through blocking calls: the connection, the four key-value buckets
 * ({@link ClusterNames}) and compare-and-set on them. Serials and key ids are counters updated with
 * {@code update(key, value, expectedRevision)} and retried on conflict; registrations are written with the revision
 * of this instance's last write, so an instance never overwrites or deletes the entry of a node that moved to
 * another instance.
 *
 * <p>NOT thread safe: called at launch, then by the backplane's one worker thread only.
 */
final class ClusterStore implements AutoCloseable
{
    /** At most this many compare-and-set conflicts in a row for one counter. */
    static final int MAX_CAS_ATTEMPTS = 1_000;
    /**
     * A realm's first serial is its creation time in Unix seconds shifted by this: a cluster whose store was wiped
     * starts above every serial it handed out before (unless those averaged 2^24 a second).
     */
    static final int SERIAL_EPOCH_SHIFT = 24;

    final ClusterNames names;
    final Connection connection;
    final KeyValue registry;
    final KeyValue serials;
    final KeyValue keys;
    final KeyValue resumes;
    private final Map<Integer, long[]> serialCounters = new HashMap<>();
    private final Map<String, Long> registryRevisions = new HashMap<>();

    private ClusterStore(final ClusterNames names, final Connection connection) throws IOException
    {
        this.names = names;
        this.connection = connection;
        this.registry = connection.keyValue(names.registryBucket());
        this.serials = connection.keyValue(names.serialBucket());
        this.keys = connection.keyValue(names.keyBucket());
        this.resumes = connection.keyValue(names.resumeBucket());
    }

    /**
     * Connect to NATS and make (or find) the buckets.
     *
     * @throws ActrException (fatal) naming what failed.
     */
    static ClusterStore connect(final SignalingServerContext ctx, final Options.Builder options)
    {
        final ClusterNames names = new ClusterNames(ctx.clusterName(), ctx.instanceId());
        final Connection connection;
        try
        {
            connection = Nats.connect(options
                .servers(ctx.natsUrls().toArray(new String[0]))
                .connectionName("actr-signaling-" + ctx.instanceId())
                .connectionTimeout(Duration.ofMillis(ctx.natsTimeoutMs()))
                .maxReconnects(-1)
                .build());
        }
        catch (final IOException ex)
        {
            throw new ActrException(ActrException.Category.FATAL,
                "signaling cannot reach NATS at " + ctx.natsUrls() + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ActrException(ActrException.Category.FATAL, "interrupted while connecting to NATS", ex);
        }
        try
        {
            final KeyValueManagement management = connection.keyValueManagement();
            final Duration registryTtl = Duration.ofMillis(2 * ctx.heartbeatIntervalMs());
            bucket(management, names.registryBucket(), registryTtl, ctx.natsReplicas(), true);
            bucket(management, names.serialBucket(), null, ctx.natsReplicas(), false);
            bucket(management, names.keyBucket(), null, ctx.natsReplicas(), false);
            bucket(management, names.resumeBucket(), Duration.ofMillis(2 * ctx.resumeWindowMs()), ctx.natsReplicas(),
                false);
            return new ClusterStore(names, connection);
        }
        catch (final IOException | JetStreamApiException | RuntimeException ex)
        {
            closeQuietly(connection);
            throw new ActrException(ActrException.Category.FATAL, "signaling cannot set up its JetStream buckets " +
                "(is JetStream enabled on the NATS server? nats-server -js): " + ex.getMessage(), ex);
        }
    }

    private static void bucket(
        final KeyValueManagement management,
        final String name,
        final Duration ttl,
        final int replicas,
        final boolean ttlMustMatch) throws IOException, JetStreamApiException
    {
        final KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(name)
            .maxHistoryPerKey(1).storageType(StorageType.File).replicas(replicas);
        if (ttl != null)
        {
            config.ttl(ttl);
        }
        KeyValueStatus status;
        try
        {
            status = management.getStatus(name);
        }
        catch (final JetStreamApiException missing)
        {
            try
            {
                status = management.create(config.build());
            }
            catch (final JetStreamApiException raced)
            {
                status = management.getStatus(name); // another instance made it meanwhile
            }
        }
        final Duration actual = status.getTtl() == null ? Duration.ZERO : status.getTtl();
        if (ttlMustMatch && ttl != null && !actual.equals(ttl))
        {
            throw new IllegalStateException("bucket " + name + " keeps entries " + actual.toMillis() +
                " ms but this instance needs " + ttl.toMillis() + " ms (2 heartbeat intervals): every instance of a " +
                "cluster must use the same heartbeat interval (or delete the bucket while no instance runs)");
        }
    }

    /**
     * Watch every key of a bucket: its current values, then its changes, each handed to {@code onEntry} on
     * {@code thread}; returns once the current values are handed over.
     */
    static NatsKeyValueWatchSubscription watch(
        final KeyValue bucket, final Consumer<KeyValueEntry> onEntry, final Executor thread, final long timeoutMs)
        throws IOException, JetStreamApiException, InterruptedException
    {
        final CountDownLatch loaded = new CountDownLatch(1);
        final NatsKeyValueWatchSubscription subscription = bucket.watchAll(new KeyValueWatcher()
        {
            @Override
            public void watch(final KeyValueEntry entry)
            {
                thread.execute(() -> onEntry.accept(entry));
            }

            @Override
            public void endOfData()
            {
                thread.execute(loaded::countDown);
            }
        });
        if (!loaded.await(timeoutMs, TimeUnit.MILLISECONDS))
        {
            subscription.unsubscribe();
            throw new IOException("bucket " + bucket.getBucketName() + " did not load within " + timeoutMs + " ms");
        }
        return subscription;
    }

    /**
     * @return a serial of {@code realmId} no instance has handed out: the realm's counter, incremented by
     * compare-and-set.
     */
    long nextSerial(final int realmId, final long nowSec) throws IOException, JetStreamApiException
    {
        final String key = ClusterNames.serialKey(realmId);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++)
        {
            long[] counter = serialCounters.get(realmId); // {value, revision}
            if (counter == null)
            {
                final KeyValueEntry entry = serials.get(key);
                if (entry == null || entry.getOperation() != KeyValueOperation.PUT)
                {
                    final long first = nowSec << SERIAL_EPOCH_SHIFT;
                    try
                    {
                        final long revision = serials.create(key, decimal(first));
                        serialCounters.put(realmId, new long[]{first, revision});
                        return first;
                    }
                    catch (final JetStreamApiException created)
                    {
                        continue; // another instance made the counter first
                    }
                }
                counter = new long[]{parseDecimal(entry.getValue(), key), entry.getRevision()};
                serialCounters.put(realmId, counter);
            }
            final long next = counter[0] + 1;
            try
            {
                counter[1] = serials.update(key, decimal(next), counter[1]);
                counter[0] = next;
                return next;
            }
            catch (final JetStreamApiException conflict)
            {
                serialCounters.remove(realmId); // another instance took one: read the counter again
            }
        }
        throw new IOException("the serial counter of realm " + Integer.toUnsignedString(realmId) + " had " +
            MAX_CAS_ATTEMPTS + " compare-and-set conflicts in a row");
    }

    /**
     * @return a signing key id above {@code localMax} that the counter never gave out and no key record holds.
     */
    int nextKeyId(final int localMax) throws IOException, JetStreamApiException
    {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++)
        {
            final KeyValueEntry entry = keys.get(ClusterNames.KEY_ID_COUNTER);
            final long id;
            try
            {
                if (entry == null || entry.getOperation() != KeyValueOperation.PUT)
                {
                    id = Math.max(1, localMax + 1L);
                    keys.create(ClusterNames.KEY_ID_COUNTER, decimal(id));
                }
                else
                {
                    id = Math.max(parseDecimal(entry.getValue(), ClusterNames.KEY_ID_COUNTER), localMax) + 1;
                    keys.update(ClusterNames.KEY_ID_COUNTER, decimal(id), entry.getRevision());
                }
            }
            catch (final JetStreamApiException conflict)
            {
                continue;
            }
            if (id > 0xFFFF_FFFFL)
            {
                throw new IOException("signing key ids are exhausted");
            }
            if (keys.get(ClusterNames.signingKeyKey((int)id)) == null)
            {
                return (int)id;
            }
        }
        throw new IOException("the signing key id counter had " + MAX_CAS_ATTEMPTS + " conflicts in a row");
    }

    /**
     * Write a registration of a node that registered or resumed here (taking over its key).
     *
     * @return the entry's revision.
     */
    long putRegistration(final String key, final byte[] value) throws IOException, JetStreamApiException
    {
        final long revision = registry.put(key, value);
        registryRevisions.put(key, revision);
        return revision;
    }

    /**
     * Refresh a registration, if this instance still holds it.
     *
     * @return its new revision (> 0), or minus the revision of another instance's newer entry for the node.
     */
    long refreshRegistration(final String key, final byte[] value) throws IOException, JetStreamApiException
    {
        final Long last = registryRevisions.get(key);
        if (last != null)
        {
            try
            {
                final long revision = registry.update(key, value, last);
                registryRevisions.put(key, revision);
                return revision;
            }
            catch (final JetStreamApiException changed)
            {
                registryRevisions.remove(key);
            }
        }
        final KeyValueEntry entry = registry.get(key);
        if (entry != null && entry.getOperation() == KeyValueOperation.PUT && entry.getValue() != null &&
            !names.instanceId.equals(ClusterEntry.instanceOf(entry.getValue())))
        {
            return -entry.getRevision();
        }
        // expired (the bucket's max age passed, e.g. while this instance stalled) or still ours: write it again
        return putRegistration(key, value);
    }

    /**
     * Delete a registration, unless another instance wrote it since this one's last write.
     */
    void deleteRegistration(final String key) throws IOException, JetStreamApiException
    {
        final Long last = registryRevisions.remove(key);
        if (last == null)
        {
            return;
        }
        try
        {
            registry.delete(key, last);
        }
        catch (final JetStreamApiException changed)
        {
            // the node registered on another instance since: that entry is not ours to delete
        }
    }

    /**
     * @return true when no instance claimed this resume proof before.
     */
    boolean claimResume(final String proofKey) throws IOException
    {
        try
        {
            resumes.create(proofKey, new byte[]{1});
            return true;
        }
        catch (final JetStreamApiException used)
        {
            return false;
        }
    }

    static byte[] decimal(final long value)
    {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    static long parseDecimal(final byte[] value, final String key) throws IOException
    {
        try
        {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        }
        catch (final NumberFormatException | NullPointerException ex)
        {
            throw new IOException("the counter " + key + " does not hold a decimal number", ex);
        }
    }

    @Override
    public void close()
    {
        closeQuietly(connection);
    }

    private static void closeQuietly(final Connection connection)
    {
        try
        {
            connection.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
