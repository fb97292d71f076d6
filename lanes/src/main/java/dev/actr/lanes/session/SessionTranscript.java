package dev.actr.lanes.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes each side of a peer session signs. Binding the signer's role, the lane, both fresh nonces and
 * both credentials' claims means a signature is good for one direction of one handshake only: it cannot be
 * reflected back to its maker, replayed on another connection, or moved to another lane.
 *
 * <pre>
 *   "actr-peer-session/1"             19 bytes, ASCII
 *   role                              1 byte: 1 = signed by the responder (hello_ack), 2 = by the initiator (finish)
 *   lane length                       1 byte
 *   lane name                         ASCII ("websocket", "webrtc")
 *   initiator nonce                   32 bytes (from hello)
 *   responder nonce                   32 bytes (from hello_ack)
 *   initiator claims length           u32 big-endian
 *   initiator claims                  the initiator credential's claims bytes, exactly as carried
 *   responder claims length           u32 big-endian
 *   responder claims                  the responder credential's claims bytes, exactly as carried
 * </pre>
 */
public final class SessionTranscript
{
    /** Domain separation prefix. */
    public static final String CONTEXT = "actr-peer-session/1";
    /** Role byte of the responder's signature (in {@code hello_ack}). */
    public static final int ROLE_RESPONDER = 1;
    /** Role byte of the initiator's signature (in {@code finish}). */
    public static final int ROLE_INITIATOR = 2;
    /** Length of each nonce. */
    public static final int NONCE_LENGTH = 32;

    private SessionTranscript()
    {
    }

    /**
     * @param role            {@link #ROLE_RESPONDER} or {@link #ROLE_INITIATOR}.
     * @param lane            lane name, ASCII, at most 255 bytes.
     * @param initiatorNonce  32 bytes.
     * @param responderNonce  32 bytes.
     * @param initiatorClaims the initiator credential's claims bytes.
     * @param responderClaims the responder credential's claims bytes.
     * @return the bytes to sign or verify.
     */
    public static byte[] build(
        final int role,
        final String lane,
        final byte[] initiatorNonce,
        final byte[] responderNonce,
        final byte[] initiatorClaims,
        final byte[] responderClaims)
    {
        final byte[] laneBytes = lane.getBytes(StandardCharsets.US_ASCII);
        if (laneBytes.length > 255 || initiatorNonce.length != NONCE_LENGTH || responderNonce.length != NONCE_LENGTH)
        {
            throw new IllegalArgumentException("lane name over 255 bytes or a nonce not of 32 bytes");
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(
            CONTEXT.length() + 2 + laneBytes.length + 2 * NONCE_LENGTH + 8 + initiatorClaims.length +
            responderClaims.length);
        out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
        out.write(role);
        out.write(laneBytes.length);
        out.writeBytes(laneBytes);
        out.writeBytes(initiatorNonce);
        out.writeBytes(responderNonce);
        writeLengthPrefixed(out, initiatorClaims);
        writeLengthPrefixed(out, responderClaims);
        return out.toByteArray();
    }

    private static void writeLengthPrefixed(final ByteArrayOutputStream out, final byte[] bytes)
    {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
