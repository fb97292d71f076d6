package dev.actr.lanes.session;

import dev.actr.codec.ActrException;

/**
 * A credential or handshake was refused, for the {@link AuthRejection} given. Cold path only.
 */
public final class PeerAuthException extends ActrException
{
    private static final long serialVersionUID = 1L;

    private final AuthRejection rejection;

    /**
     * @param rejection why.
     * @param message   what exactly, for a human.
     */
    public PeerAuthException(final AuthRejection rejection, final String message)
    {
        super(Category.ERROR, rejection + ": " + message);
        this.rejection = rejection;
    }

    /**
     * @return why.
     */
    public AuthRejection rejection()
    {
        return rejection;
    }
}
