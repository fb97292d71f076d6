package dev.actr.lanes.session;

/**
 * Why a peer session handshake (or a credential check) was refused. The {@link #code()} travels in
 * {@code PeerReject.code}; docs/PROTOCOL.md lists the same table.
 */
public enum AuthRejection
{
    /** A handshake message could not be decoded, or a field is missing or of the wrong size. */
    MALFORMED(1),
    /** The peer speaks another handshake version. */
    UNSUPPORTED_VERSION(2),
    /** A message arrived that the handshake's state does not expect (a lane frame before ready, a second hello). */
    UNEXPECTED_MESSAGE(3),
    /** The credential names a signing key that is unknown, or retired and past its overlap window. */
    UNKNOWN_SIGNING_KEY(4),
    /** The credential's signature is not a valid signature of its claims by the named signing key (forged). */
    BAD_CREDENTIAL_SIGNATURE(5),
    /** The credential has expired. */
    CREDENTIAL_EXPIRED(6),
    /** The credential is for another realm. */
    WRONG_REALM(7),
    /** The credential binds no node public key (or a malformed one), so possession cannot be proved. */
    NO_NODE_KEY(8),
    /** The signature over the handshake transcript is not by the node key bound in the credential. */
    BAD_NONCE_SIGNATURE(9),
    /** The responder's verified identity is not the peer the initiator dialled. */
    UNEXPECTED_PEER(10),
    /** The other side refused the handshake (sent a reject). */
    PEER_REJECTED(11),
    /** The handshake did not finish in time. */
    TIMEOUT(12),
    /** This node has no credential yet (not registered with signaling). */
    NO_LOCAL_CREDENTIAL(13),
    /** The claims cannot be decoded, or name an invalid actor id or one of another realm than the claims'. */
    BAD_CLAIMS(14);

    private static final AuthRejection[] BY_CODE = new AuthRejection[16];

    static
    {
        for (final AuthRejection rejection : values())
        {
            BY_CODE[rejection.code] = rejection;
        }
    }

    private final int code;

    AuthRejection(final int code)
    {
        this.code = code;
    }

    /**
     * @return the wire code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a wire code.
     * @return the rejection, or {@code null} for a code this version does not know.
     */
    public static AuthRejection forCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
