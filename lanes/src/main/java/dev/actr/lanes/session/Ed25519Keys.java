package dev.actr.lanes.session;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 with the JDK's own provider, and the raw 32-byte public key form (RFC 8032) that travels in protocol
 * messages. Signatures are the raw 64 bytes of RFC 8032. Cold paths only (registration, handshakes).
 */
public final class Ed25519Keys
{
    /** Length of a raw Ed25519 public key. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;
    /** The JCA algorithm name. */
    public static final String ALGORITHM = "Ed25519";

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key: SEQ{SEQ{OID 1.3.101.112} BITSTRING}. */
    private static final byte[] X509_PREFIX =
        {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Keys()
    {
    }

    /**
     * @return a fresh key pair.
     */
    public static KeyPair generate()
    {
        try
        {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519 (needs JDK 15+)", ex);
        }
    }

    /**
     * @param publicKey an Ed25519 public key.
     * @return its raw 32 bytes.
     */
    public static byte[] toRaw(final PublicKey publicKey)
    {
        final byte[] encoded = publicKey.getEncoded();
        if (encoded.length != X509_PREFIX.length + PUBLIC_KEY_LENGTH ||
            !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length))
        {
            throw new IllegalArgumentException("not an Ed25519 public key: " + publicKey.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /**
     * @param raw 32 raw bytes.
     * @return the public key, or {@code null} when the bytes are not a valid Ed25519 public key.
     */
    public static PublicKey fromRaw(final byte[] raw)
    {
        if (raw == null || raw.length != PUBLIC_KEY_LENGTH)
        {
            return null;
        }
        final byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, PUBLIC_KEY_LENGTH);
        try
        {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        }
        catch (final GeneralSecurityException ex)
        {
            return null;
        }
    }

    /**
     * @param privateKey an Ed25519 private key.
     * @param message    the bytes to sign.
     * @return the 64-byte signature.
     */
    public static byte[] sign(final PrivateKey privateKey, final byte[] message)
    {
        try
        {
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing failed (is it an Ed25519 key?)", ex);
        }
    }

    /**
     * @param publicKey    the signer's public key.
     * @param message      the bytes that were signed.
     * @param signature    the signature.
     * @return true when the signature is a valid Ed25519 signature of {@code message} by {@code publicKey}.
     */
    public static boolean verify(final PublicKey publicKey, final byte[] message, final byte[] signature)
    {
        if (signature == null || signature.length != SIGNATURE_LENGTH)
        {
            return false;
        }
        try
        {
            final Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        }
        catch (final InvalidKeyException | SignatureException ex)
        {
            return false;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519 (needs JDK 15+)", ex);
        }
    }
}
