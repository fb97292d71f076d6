package dev.actr.lanes.session;

import dev.actr.codec.proto.AIdCredential;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * This node's side of a peer session: its current credential (renewed by signaling over time) and the private
 * node key whose public half the credential binds. Any thread.
 */
public interface LocalIdentity
{
    /**
     * @return the current credential, or {@code null} before the node has one.
     */
    AIdCredential credential();

    /**
     * @return the node's Ed25519 private key.
     */
    PrivateKey nodePrivateKey();

    /**
     * @param credential a fixed credential.
     * @param nodeKeys   the node key pair its claims bind.
     * @return an identity that never changes (tests, or a node whose credential is issued out of band).
     */
    static LocalIdentity of(final AIdCredential credential, final KeyPair nodeKeys)
    {
        Objects.requireNonNull(credential, "credential");
        final PrivateKey privateKey = nodeKeys.getPrivate();
        return new LocalIdentity()
        {
            @Override
            public AIdCredential credential()
            {
                return credential;
            }

            @Override
            public PrivateKey nodePrivateKey()
            {
                return privateKey;
            }
        };
    }
}
