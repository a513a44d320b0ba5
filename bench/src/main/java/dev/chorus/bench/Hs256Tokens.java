package dev.chorus.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

/**
 * HS256 tokens signed here with the gateways' secret, for runs that need more users than it is worth
 * asking {@code /api/dev/token} for (tens of thousands of idle connections).
 */
public final class Hs256Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    public Hs256Tokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(String userId) {
        long now = Instant.now().getEpochSecond();
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + userId + "\",\"name\":\"" + userId + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
