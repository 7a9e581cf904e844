package io.openpe.testkit.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for TLS tests, written as files a Quarkus server reads: a CA, a server certificate for
 * {@code localhost}/127.0.0.1 and a client certificate, both signed by the CA (PEM certificate and PKCS#8 key), and
 * a PKCS#12 trust store holding the CA. Also a second, unrelated CA's client certificate (signed by no one the server
 * trusts). EC P-256 keys, valid for a day.
 */
public final class TestCertificates {

    public static final String TRUST_STORE_PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    public static TestCertificates create() {
        try {
            Path dir = Files.createTempDirectory("openpe-tls-");
            KeyPair ca = keyPair();
            X509Certificate caCert = certificate("CN=openpe test CA", ca, "CN=openpe test CA", ca, true, false);
            write(dir.resolve("ca.pem"), pem("CERTIFICATE", caCert.getEncoded()));
            issue(dir, "server", "CN=localhost", ca, true);
            issue(dir, "client", "CN=openpe test client", ca, false);
            KeyPair stranger = keyPair();
            X509Certificate strangerCa = certificate("CN=other CA", stranger, "CN=other CA", stranger, true, false);
            KeyPair strangerClient = keyPair();
            X509Certificate strangerCert = certificate("CN=stranger", strangerClient, strangerCa.getSubjectX500Principal()
                    .getName(), stranger, false, false);
            write(dir.resolve("stranger.pem"), pem("CERTIFICATE", strangerCert.getEncoded()));
            write(dir.resolve("stranger.key"), pem("PRIVATE KEY", strangerClient.getPrivate().getEncoded()));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
                trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return new TestCertificates(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path ca() {
        return directory.resolve("ca.pem");
    }

    public Path trustStore() {
        return directory.resolve("trust.p12");
    }

    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public Path clientCertificate() {
        return directory.resolve("client.pem");
    }

    public Path clientKey() {
        return directory.resolve("client.key");
    }

    /** A client certificate signed by a CA the server does not trust. */
    public Path strangerCertificate() {
        return directory.resolve("stranger.pem");
    }

    public Path strangerKey() {
        return directory.resolve("stranger.key");
    }

    private static void issue(Path dir, String name, String subject, KeyPair ca, boolean server)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        KeyPair keys = keyPair();
        X509Certificate cert = certificate(subject, keys, "CN=openpe test CA", ca, false, server);
        write(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded()));
        write(dir.resolve(name + ".key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean authority, boolean server) throws GeneralSecurityException, IOException,
            org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (authority) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
