package io.contiv.exporter.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the key and certificate chain the supplier gives at the time of each handshake, so a reload takes effect
 * on the next one: the exporter's own endpoint as a server, and the exporter as a client of its upstreams. A null
 * from the supplier presents nothing. As a client it presents its certificate whatever issuers the server names: a
 * server that does not accept it says so, which tells the operator more than a handshake without a certificate.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "configured";

    private final Supplier<CertifiedKey> identity;
    private final BiConsumer<String, List<Principal>> issuersAsked;

    /** A server's key manager. */
    public ReloadingKeyManager(Supplier<CertifiedKey> identity) {
        this(identity, (peer, issuers) -> { });
    }

    /**
     * A client's key manager; {@code issuersAsked} hears which server ({@code host:port} as the connection was
     * opened, or "" when unknown) asked for a certificate and which issuers it said it accepts.
     */
    public ReloadingKeyManager(Supplier<CertifiedKey> identity, BiConsumer<String, List<Principal>> issuersAsked) {
        this.identity = identity;
        this.issuersAsked = issuersAsked;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        CertifiedKey current = identity.get();
        return current != null && suits(current.key().getAlgorithm(), keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, engine == null ? "" : engine.getPeerHost() + ":"
                + engine.getPeerPort());
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        SSLSession handshake = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        return chooseClientAlias(keyTypes, issuers, handshake == null ? "" : handshake.getPeerHost() + ":"
                + handshake.getPeerPort());
    }

    private String chooseClientAlias(String[] keyTypes, Principal[] issuers, String peer) {
        issuersAsked.accept(peer, issuers == null ? List.of() : List.of(issuers));
        CertifiedKey current = identity.get();
        if (current == null || keyTypes == null) {
            return null;
        }
        for (String keyType : keyTypes) {
            if (suits(current.key().getAlgorithm(), keyType)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        CertifiedKey current = identity.get();
        return current != null && suits(current.key().getAlgorithm(), keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertifiedKey current = identity.get();
        return current == null || !ALIAS.equals(alias) ? null : current.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertifiedKey current = identity.get();
        return current == null || !ALIAS.equals(alias) ? null : current.key();
    }

    /** The JDK asks by the key type a cipher suite or signature scheme needs: RSA, RSASSA-PSS, EC, EdDSA. */
    private static boolean suits(String keyAlgorithm, String keyType) {
        return switch (keyAlgorithm) {
            case "RSA" -> keyType.equals("RSA");
            case "RSASSA-PSS" -> keyType.equals("RSASSA-PSS");
            case "EC" -> keyType.equals("EC");
            case "Ed25519", "Ed448", "EdDSA" -> keyType.equals("EdDSA") || keyType.equals(keyAlgorithm);
            default -> keyType.equals(keyAlgorithm);
        };
    }
}
