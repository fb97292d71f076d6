package dev.actr.lanes.signaling;

import dev.actr.lanes.session.Ed25519Keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The proof a reconnecting node gives to keep its ActrId: an Ed25519 signature by its node key over
 * <pre>
 *   "actr-signaling-resume/1"   23 bytes, ASCII
 *   resume_at_ms                u64 big-endian, the node's wall clock when it asked
 *   claims                      the previous credential's claims bytes, exactly as carried
 * </pre>
 */
public final class ResumeProof
{
    /** Domain separation prefix. */
    public static final String CONTEXT = "actr-signaling-resume/1";

    private ResumeProof()
    {
    }

    /**
     * @param resumeAtMs the node's wall clock, Unix epoch milliseconds.
     * @param claims     the previous credential's claims bytes.
     * @return the bytes signed.
     */
    public static byte[] bytes(final long resumeAtMs, final byte[] claims)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(CONTEXT.length() + 8 + claims.length);
        out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            out.write((int)(resumeAtMs >>> shift));
        }
        out.writeBytes(claims);
        return out.toByteArray();
    }

    /**
     * @param nodeKey    the node's private key.
     * @param resumeAtMs the node's wall clock.
     * @param claims     the previous credential's claims bytes.
     * @return the signature.
     */
    public static byte[] sign(final PrivateKey nodeKey, final long resumeAtMs, final byte[] claims)
    {
        return Ed25519Keys.sign(nodeKey, bytes(resumeAtMs, claims));
    }

    static boolean verify(final PublicKey nodeKey, final long resumeAtMs, final byte[] claims, final byte[] signature)
    {
        return Ed25519Keys.verify(nodeKey, bytes(resumeAtMs, claims), signature);
    }
}
