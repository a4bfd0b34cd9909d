package io.trafficlab.engine.dataplane.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed server certificates (EC P-256, SHA256withECDSA) with the given names as subject
 * alternative names, wildcards included. Validity is a fixed window (2000–2099) so that issuing
 * never reads the clock and certificates stay valid for any simulated run.
 */
public final class SelfSignedCertificates {
  private static final Instant NOT_BEFORE = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificates() {}

  /** A certificate and its key. */
  public record CertificateAndKey(X509Certificate certificate, java.security.PrivateKey key) {}

  /**
   * Issues a certificate whose SANs are {@code names} ({@code *.example.com} stays a wildcard DNS
   * name; IP literals become IP SANs; {@code *} alone is not a valid SAN and is skipped).
   */
  public static CertificateAndKey issue(String commonName, List<String> names) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = gen.generateKeyPair();
      X500Name subject = new X500Name("CN=" + escape(commonName) + ",O=trafficlab");
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(NOT_BEFORE),
          Date.from(NOT_AFTER), subject, pair.getPublic());
      List<GeneralName> sans = subjectAltNames(names);
      if (!sans.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new CertificateAndKey(cert, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName + ": " + e, e);
    }
  }

  private static List<GeneralName> subjectAltNames(List<String> names) {
    List<GeneralName> out = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      if (name.equals("*") || name.isEmpty()) {
        continue;
      }
      out.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
          : new GeneralName(GeneralName.dNSName, name));
    }
    return out;
  }

  private static boolean isIpLiteral(String name) {
    if (name.contains(":")) {
      return true;
    }
    if (!name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return false;
    }
    try {
      // Digits and dots only: parsing a literal performs no name lookup.
      InetAddress.getByName(name);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String escape(String cn) {
    String s = cn.isEmpty() ? "trafficlab" : cn;
    return s.replaceAll("[,+\"\\\\<>;=#]", "_");
  }
}
