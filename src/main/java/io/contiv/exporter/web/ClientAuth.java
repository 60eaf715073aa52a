package io.contiv.exporter.web;

/** {@code client_auth_type}: Go's {@code tls.ClientAuthType}, by the names the exporter-toolkit accepts. */
enum ClientAuth {
    /** No certificate asked for (the default). */
    NO_CLIENT_CERT("NoClientCert", false, false, false),
    /** A certificate asked for, not required, not verified. */
    REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
    /** A certificate required, not verified (any certificate will do). */
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false, true, false),
    /** A certificate not required; one that is sent must chain to client_ca. */
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
    /** A certificate required and it must chain to client_ca: the only setting that authenticates clients. */
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", false, true, true);

    final String goName;
    final boolean want;
    final boolean need;
    final boolean verify;

    ClientAuth(String goName, boolean want, boolean need, boolean verify) {
        this.goName = goName;
        this.want = want;
        this.need = need;
        this.verify = verify;
    }

    static ClientAuth parse(String name) throws WebConfigException {
        if (name == null || name.isEmpty()) {
            return NO_CLIENT_CERT;
        }
        if (name.equals("RequireClientCert")) { // the toolkit's older name, kept for compatibility as it keeps it
            return REQUIRE_ANY_CLIENT_CERT;
        }
        for (ClientAuth value : values()) {
            if (value.goName.equals(name)) {
                return value;
            }
        }
        throw new WebConfigException("tls_server_config.client_auth_type: invalid value '" + name
                + "'; one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, "
                + "RequireAndVerifyClientCert");
    }
}
