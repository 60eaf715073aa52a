package io.contiv.exporter.web;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/** The server's key and certificate chain, always those of the configuration in force, so a reload takes effect. */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "server";

    private final Supplier<TlsSettings> tls;

    ReloadingKeyManager(Supplier<TlsSettings> tls) {
        this.tls = tls;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        TlsSettings current = tls.get();
        return current != null && suits(current.key().getAlgorithm(), keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsSettings current = tls.get();
        return current == null || !ALIAS.equals(alias) ? null : current.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsSettings current = tls.get();
        return current == null || !ALIAS.equals(alias) ? null : current.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
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
