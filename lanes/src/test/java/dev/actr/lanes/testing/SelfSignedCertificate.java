package dev.actr.lanes.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed EC certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's {@code keytool} and
 * written as PEM (certificate, and the PKCS#8 private key) into a test directory.
 */
public final class SelfSignedCertificate
{
    private static final String PASSWORD = "changeit";

    /** The certificate, PEM. */
    public final Path certificatePem;
    /** Its private key, PEM, PKCS#8. */
    public final Path privateKeyPem;

    private SelfSignedCertificate(final Path certificatePem, final Path privateKeyPem)
    {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /**
     * @param dir where to write {@code <name>.p12}, {@code <name>.crt.pem} and {@code <name>.key.pem}.
     * @param name file name stem.
     * @return the certificate's files.
     * @throws IOException          when keytool fails or files cannot be written.
     * @throws InterruptedException when interrupted while keytool runs.
     */
    public static SelfSignedCertificate generate(final Path dir, final String name)
        throws IOException, InterruptedException
    {
        final Path keyStore = dir.resolve(name + ".p12");
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "lane",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
            "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD))
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IOException("keytool failed: " + output);
        }
        try (InputStream in = Files.newInputStream(keyStore))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            final PrivateKey key = (PrivateKey)store.getKey("lane", PASSWORD.toCharArray());
            final Certificate certificate = store.getCertificate("lane");
            final Path certificatePem = dir.resolve(name + ".crt.pem");
            final Path privateKeyPem = dir.resolve(name + ".key.pem");
            Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
            return new SelfSignedCertificate(certificatePem, privateKeyPem);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("cannot read the keystore keytool made", ex);
        }
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }
}
