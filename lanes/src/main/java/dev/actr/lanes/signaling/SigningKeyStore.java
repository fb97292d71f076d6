package dev.actr.lanes.signaling;

import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.SigningKeyRing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The signaling server's Ed25519 signing keys, kept in its directory: {@code signing-key-<id>.pkcs8} (private,
 * owner-only) and {@code signing-key-<id>.x509} (public), plus {@value #INDEX} naming the current key, each key's
 * creation time, each retired key's end of overlap, and the server's start generation (the high half of every
 * serial it assigns, so ids never repeat across restarts). Every file is written atomically and fsynced.
 *
 * <p>Rotation makes a new current key and retires the old one, which still verifies until every credential it
 * signed has expired (now + credential lifetime); past that it is deleted. NOT thread safe: the server's registry
 * thread owns it; {@link #ring()} is the thread-safe view verifiers use.
 */
final class SigningKeyStore
{
    static final String INDEX = "signing-keys.properties";

    /** Where new key ids come from. */
    interface KeyIds
    {
        /**
         * @param localMax the largest id in this store (0 when empty).
         * @return an id no key anywhere in the service has.
         * @throws IOException when the ids cannot be reached.
         */
        int next(int localMax) throws IOException;
    }

    /** A single instance: the next id after its own. */
    static final KeyIds LOCAL_IDS = localMax -> localMax + 1;

    private final Path directory;
    private final long credentialLifetimeSec;
    private final SigningKeyRing ring = new SigningKeyRing(1024);
    private final Map<Integer, Long> createdSec = new TreeMap<>();
    private final Map<Integer, Long> retiredUntilSec = new TreeMap<>();
    private final Map<Integer, PublicKey> publicKeys = new TreeMap<>();
    private long generation;
    private int currentId;
    private PrivateKey currentPrivate;

    private SigningKeyStore(final Path directory, final long credentialLifetimeSec)
    {
        this.directory = directory;
        this.credentialLifetimeSec = credentialLifetimeSec;
    }

    /**
     * Load the keys (making the first at the first start), prune retired keys past their window, and count this
     * start as a new generation.
     */
    static SigningKeyStore open(final Path directory, final long credentialLifetimeSec, final long nowSec)
        throws IOException
    {
        return open(directory, credentialLifetimeSec, nowSec, LOCAL_IDS);
    }

    /**
     * As {@link #open(Path, long, long)}, the first key of a new directory taking its id from {@code ids}.
     */
    static SigningKeyStore open(
        final Path directory, final long credentialLifetimeSec, final long nowSec, final KeyIds ids)
        throws IOException
    {
        Files.createDirectories(directory);
        final SigningKeyStore store = new SigningKeyStore(directory, credentialLifetimeSec);
        store.load(nowSec, ids);
        return store;
    }

    int currentKeyId()
    {
        return currentId;
    }

    PrivateKey currentPrivateKey()
    {
        return currentPrivate;
    }

    byte[] currentPublicKeyRaw()
    {
        return Ed25519Keys.toRaw(publicKeys.get(currentId));
    }

    long generation()
    {
        return generation;
    }

    SigningKeyRing ring()
    {
        return ring;
    }

    long currentCreatedSec()
    {
        return createdSec.get(currentId);
    }

    /**
     * @return the public key of {@code keyId} if it still verifies at {@code nowSec}, else null.
     */
    PublicKey publicKey(final int keyId, final long nowSec)
    {
        return ring.signingKey(keyId, nowSec);
    }

    /**
     * @return end of the key's overlap window, {@link SigningKeyRing#FOREVER} for the current key; for another
     * instance's key in the ring, the end of its window as that instance published it; -1 when unknown.
     */
    long validUntilSec(final int keyId)
    {
        if (keyId == currentId)
        {
            return SigningKeyRing.FOREVER;
        }
        final Long retired = retiredUntilSec.get(keyId);
        return retired != null ? retired : ring.validUntil(keyId);
    }

    /**
     * Make a new current key with the next local id; the old one verifies until {@code nowSec} + credential
     * lifetime.
     */
    void rotate(final long nowSec) throws IOException
    {
        rotate(nowSec, LOCAL_IDS.next(maxKeyId()));
    }

    /**
     * Make a new current key with id {@code next} (unused); the old one verifies until {@code nowSec} + credential
     * lifetime.
     */
    void rotate(final long nowSec, final int next) throws IOException
    {
        if (publicKeys.containsKey(next))
        {
            throw new IllegalArgumentException("signing key id " + next + " is in use");
        }
        final int previous = currentId;
        final PrivateKey nextPrivate = generate(next, nowSec);
        retiredUntilSec.put(previous, nowSec + credentialLifetimeSec);
        currentId = next;
        currentPrivate = nextPrivate;
        writeIndex();
        ring.put(previous, publicKeys.get(previous), nowSec + credentialLifetimeSec);
        ring.put(next, publicKeys.get(next), SigningKeyRing.FOREVER);
    }

    int maxKeyId()
    {
        int max = currentId;
        for (final int id : publicKeys.keySet())
        {
            max = Math.max(max, id);
        }
        return max;
    }

    /**
     * @return true when {@code keyId} is one of this store's keys (current or retired).
     */
    boolean owns(final int keyId)
    {
        return publicKeys.containsKey(keyId);
    }

    /**
     * @return this store's key ids, current and retired.
     */
    List<Integer> keyIds()
    {
        return new ArrayList<>(publicKeys.keySet());
    }

    /**
     * @return the raw 32-byte public key of one of this store's keys.
     */
    byte[] publicKeyRaw(final int keyId)
    {
        return Ed25519Keys.toRaw(publicKeys.get(keyId));
    }

    /**
     * Forget a retired key at once (its id turned out to belong to another instance's key).
     */
    void forget(final int keyId) throws IOException
    {
        if (keyId == currentId)
        {
            throw new IllegalArgumentException("the current key cannot be forgotten");
        }
        if (retiredUntilSec.containsKey(keyId))
        {
            retiredUntilSec.put(keyId, Long.MIN_VALUE);
            prune(Long.MIN_VALUE + 1);
        }
    }

    /**
     * Delete retired keys whose window ended before {@code nowSec}.
     *
     * @return the ids deleted.
     */
    List<Integer> prune(final long nowSec) throws IOException
    {
        final List<Integer> pruned = new ArrayList<>();
        for (final Map.Entry<Integer, Long> entry : Map.copyOf(retiredUntilSec).entrySet())
        {
            if (entry.getValue() < nowSec)
            {
                final int id = entry.getKey();
                retiredUntilSec.remove(id);
                createdSec.remove(id);
                publicKeys.remove(id);
                ring.remove(id);
                pruned.add(id);
            }
        }
        if (!pruned.isEmpty())
        {
            writeIndex();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "signing-key-*"))
            {
                for (final Path file : files)
                {
                    if (!publicKeys.containsKey(idOf(file)))
                    {
                        Files.delete(file);
                    }
                }
            }
            AtomicFiles.forceDirectory(directory);
        }
        return pruned;
    }

    private void load(final long nowSec, final KeyIds ids) throws IOException
    {
        final Path index = directory.resolve(INDEX);
        if (!Files.exists(index))
        {
            generation = 1;
            currentId = ids.next(0);
            currentPrivate = generate(currentId, nowSec);
            writeIndex();
        }
        else
        {
            readIndex(index);
            generation++;
            writeIndex();
            currentPrivate = readPrivate(currentId);
        }
        ring.put(currentId, publicKeys.get(currentId), SigningKeyRing.FOREVER);
        for (final Map.Entry<Integer, Long> retired : retiredUntilSec.entrySet())
        {
            ring.put(retired.getKey(), publicKeys.get(retired.getKey()), retired.getValue());
        }
        prune(nowSec);
    }

    private void readIndex(final Path index) throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(index, StandardCharsets.ISO_8859_1)));
        generation = Long.parseLong(required(properties, "generation"));
        currentId = Integer.parseInt(required(properties, "current"));
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith("key.") && name.endsWith(".created"))
            {
                final int id = Integer.parseInt(name.substring(4, name.length() - ".created".length()));
                createdSec.put(id, Long.parseLong(properties.getProperty(name)));
                publicKeys.put(id, readPublic(id));
                final String validUntil = properties.getProperty("key." + id + ".valid_until");
                if (validUntil != null && id != currentId)
                {
                    retiredUntilSec.put(id, Long.parseLong(validUntil));
                }
            }
        }
        if (!publicKeys.containsKey(currentId))
        {
            throw new IOException(index + " names current key " + currentId + " but lists no such key");
        }
    }

    private void writeIndex() throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("generation", Long.toString(generation));
        properties.setProperty("current", Integer.toString(currentId));
        for (final Map.Entry<Integer, Long> created : createdSec.entrySet())
        {
            properties.setProperty("key." + created.getKey() + ".created", Long.toString(created.getValue()));
        }
        for (final Map.Entry<Integer, Long> retired : retiredUntilSec.entrySet())
        {
            properties.setProperty("key." + retired.getKey() + ".valid_until", Long.toString(retired.getValue()));
        }
        final StringWriter text = new StringWriter();
        properties.store(text, "actr signaling signing keys (times in Unix epoch seconds)");
        AtomicFiles.write(directory.resolve(INDEX), text.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private PrivateKey generate(final int id, final long nowSec) throws IOException
    {
        final KeyPair pair = Ed25519Keys.generate();
        AtomicFiles.write(privateFile(id), pair.getPrivate().getEncoded(), true);
        AtomicFiles.write(publicFile(id), pair.getPublic().getEncoded(), false);
        createdSec.put(id, nowSec);
        publicKeys.put(id, pair.getPublic());
        return pair.getPrivate();
    }

    private PublicKey readPublic(final int id) throws IOException
    {
        try
        {
            return KeyFactory.getInstance(Ed25519Keys.ALGORITHM)
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile(id))));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("signing key file " + publicFile(id) + " is not an Ed25519 X.509 key", ex);
        }
    }

    private PrivateKey readPrivate(final int id) throws IOException
    {
        try
        {
            return KeyFactory.getInstance(Ed25519Keys.ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile(id))));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("signing key file " + privateFile(id) + " is not an Ed25519 PKCS8 key", ex);
        }
    }

    private Path privateFile(final int id)
    {
        return directory.resolve("signing-key-" + id + ".pkcs8");
    }

    private Path publicFile(final int id)
    {
        return directory.resolve("signing-key-" + id + ".x509");
    }

    private static int idOf(final Path file)
    {
        final String name = file.getFileName().toString();
        final int dot = name.indexOf('.');
        try
        {
            return Integer.parseInt(name.substring("signing-key-".length(), dot < 0 ? name.length() : dot));
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            return -1;
        }
    }

    private static String required(final Properties properties, final String name) throws IOException
    {
        final String value = properties.getProperty(name);
        if (value == null)
        {
            throw new IOException(INDEX + " lacks " + name);
        }
        return value;
    }
}
