package dev.actr.lanes.transport;

import dev.actr.codec.ActrException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Path;

/**
 * TLS contexts for {@code wss://}: a server from a PEM certificate chain and a PEM (PKCS#8) private key; a client
 * that checks the server's host name and trusts the given PEM certificates, or the JDK's trust store.
 */
public final class TlsContexts
{
    private TlsContexts()
    {
    }

    /**
     * @param certificateChainPem the server's certificate chain, PEM.
     * @param privateKeyPem       its private key, PEM, PKCS#8 unencrypted.
     * @return the server context.
     * @throws ActrException (fatal) when the files cannot be read or do not match.
     */
    public static SslContext server(final Path certificateChainPem, final Path privateKeyPem)
    {
        try
        {
            return SslContextBuilder.forServer(certificateChainPem.toFile(), privateKeyPem.toFile()).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new ActrException(ActrException.Category.FATAL, "TLS server setup from " + certificateChainPem +
                " and " + privateKeyPem + " failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param trustedCertificatesPem certificates to trust, PEM; null for the JDK's trust store.
     * @return the client context (host name verification on).
     * @throws ActrException (fatal) when the file cannot be read.
     */
    public static SslContext client(final Path trustedCertificatesPem)
    {
        try
        {
            final SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (trustedCertificatesPem != null)
            {
                builder.trustManager(trustedCertificatesPem.toFile());
            }
            return builder.build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new ActrException(ActrException.Category.FATAL,
                "TLS client setup with " + trustedCertificatesPem + " failed: " + ex.getMessage(), ex);
        }
    }
}
