package io.contiv.exporter.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys, as Go's {@code tls.X509KeyPair} reads them: {@code PRIVATE KEY} (PKCS#8: RSA,
 * EC, Ed25519, what {@code openssl req -newkey ... -nodes} writes), {@code RSA PRIVATE KEY} (PKCS#1) and
 * {@code EC PRIVATE KEY} (SEC 1). The last two are wrapped into PKCS#8 here, since the JDK reads only that.
 * Encrypted keys are refused, as Go refuses them. Used for the exporter's own endpoint and for its client
 * certificates alike; {@code what} names the file (or setting) in the one-line message of a {@link PemException}.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** DER of the OID 1.2.840.113549.1.1.1 (rsaEncryption) and of 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /** One PEM block; {@code headers} when it had RFC 1421 headers (legacy encryption: Proc-Type, DEK-Info). */
    record Block(String type, byte[] der, boolean headers) {
    }

    static List<Block> blocks(String pem) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean headers = body.indexOf(':') >= 0;
            byte[] der;
            try {
                der = headers ? new byte[0] : Base64.getMimeDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                der = new byte[0];
            }
            blocks.add(new Block(matcher.group(1), der, headers));
        }
        return blocks;
    }

    /** Every {@code CERTIFICATE} block, in order (leaf first in a chain); at least one. */
    public static List<X509Certificate> certificates(String pem, String what) throws PemException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new PemException(what + ": not a valid PEM certificate (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new PemException(what + ": no PEM CERTIFICATE block found");
        }
        return certificates;
    }

    /** The first private key block. */
    public static PrivateKey privateKey(String pem, String what) throws PemException {
        for (Block block : blocks(pem)) {
            if (block.headers() && block.type().endsWith("PRIVATE KEY")) {
                throw new PemException(what + ": the private key is encrypted; give it unencrypted "
                        + "(openssl pkcs8 -topk8 -nocrypt)");
            }
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der(), what);
                case "RSA PRIVATE KEY":
                    return pkcs8(wrap(RSA_ENCRYPTION, new byte[] {0x05, 0x00}, block.der()), what);
                case "EC PRIVATE KEY":
                    return pkcs8(wrap(EC_PUBLIC_KEY, curveOf(block.der(), what), block.der()), what);
                case "ENCRYPTED PRIVATE KEY":
                    throw new PemException(what + ": the private key is encrypted; give it unencrypted "
                            + "(openssl pkcs8 -topk8 -nocrypt)");
                default:
                    if (block.type().endsWith("PRIVATE KEY")) {
                        throw new PemException(what + ": unsupported key type '" + block.type() + "'");
                    }
            }
        }
        throw new PemException(what + ": no PEM PRIVATE KEY block found (PKCS#8, PKCS#1 or SEC 1)");
    }

    private static PrivateKey pkcs8(byte[] der, String what) throws PemException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException | RuntimeException e) {
                // next algorithm
            }
        }
        throw new PemException(what + ": the private key is not an RSA, EC or Ed25519 key the JDK can read");
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, SEQUENCE { algorithm, parameters }, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] parameters, byte[] key) {
        byte[] algorithmIdentifier = tlv(0x30, concat(algorithm, parameters));
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier, tlv(0x04, key)));
    }

    /**
     * The named curve of a SEC 1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }.
     * OpenSSL always writes the [0] parameters.
     */
    private static byte[] curveOf(byte[] sec1, String what) throws PemException {
        try {
            Der sequence = Der.read(sec1, 0);
            int position = sequence.contentStart();
            while (position < sequence.end()) {
                Der element = Der.read(sec1, position);
                if (element.tag() == 0xa0) {
                    Der oid = Der.read(sec1, element.contentStart());
                    if (oid.tag() == 0x06) {
                        return java.util.Arrays.copyOfRange(sec1, element.contentStart(), oid.end());
                    }
                }
                position = element.end();
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // reported below
        }
        throw new PemException(what + ": the EC private key names no curve; convert it to PKCS#8 "
                + "(openssl pkcs8 -topk8 -nocrypt)");
    }

    /** One DER element: its tag, where its content starts, and where it ends. */
    private record Der(int tag, int contentStart, int end) {
        static Der read(byte[] der, int offset) {
            int tag = der[offset] & 0xff;
            int first = der[offset + 1] & 0xff;
            int length;
            int contentStart;
            if (first < 0x80) {
                length = first;
                contentStart = offset + 2;
            } else {
                int bytes = first & 0x7f;
                if (bytes == 0 || bytes > 3) {
                    throw new IllegalArgumentException("DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[offset + 2 + i] & 0xff);
                }
                contentStart = offset + 2 + bytes;
            }
            if (contentStart + length > der.length) {
                throw new IllegalArgumentException("DER length");
            }
            return new Der(tag, contentStart, contentStart + length);
        }
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

}
