package dev.chorus.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OIDC identity provider, as far as a resource server can tell: an RSA and an EC key, a JWKS endpoint
 * and a discovery document served over real HTTP on 127.0.0.1, and tokens signed with real keys.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String AUDIENCE = "chorus";

    private final HttpServer server;
    private final RSAKey rsa;
    private final ECKey ec;
    /** Never published: tokens it signs must be refused. */
    private final RSAKey stranger;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestIdentityProvider() throws IOException, JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        });
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwkSetUri() + "\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
                        + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}"));
        server.start();
    }

    public static TestIdentityProvider start() {
        try {
            return new TestIdentityProvider();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("could not start the test identity provider", e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuer() + "/jwks.json";
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** An RS256 token for Chorus, valid for an hour. */
    public String rs256(String userId) {
        return token(JWSAlgorithm.RS256, claims(userId).build());
    }

    public String es256(String userId) {
        return token(JWSAlgorithm.ES256, claims(userId).build());
    }

    /** The usual claims of a token for Chorus: issuer, audience, subject, an hour of validity. */
    public JWTClaimsSet.Builder claims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(userId)
                .claim("name", "User " + userId).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public String token(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        JWK key = JWSAlgorithm.Family.EC.contains(algorithm) ? ec : rsa;
        return sign(algorithm, key, claims);
    }

    /** Signed by a key the provider never published, under a published key id. */
    public String fromStranger(String userId) {
        return sign(JWSAlgorithm.RS256, stranger, claims(userId).build());
    }

    private static String sign(JWSAlgorithm algorithm, JWK key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        try {
            JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return jwt.serialize();
    }

    /** Gateway properties that trust this provider through OIDC discovery, with Chorus as the audience. */
    public Map<String, String> gatewayProperties() {
        return Map.of("chorus.gateway.auth.issuer-uri", issuer(),
                "chorus.gateway.auth.audiences", AUDIENCE);
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
