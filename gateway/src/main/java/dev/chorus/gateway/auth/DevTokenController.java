package dev.chorus.gateway.auth;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Rules;
import dev.chorus.topic.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Clock;

/**
 * {@code POST /api/dev/token}: a token for whoever asks. It exists only while
 * {@code chorus.gateway.auth.dev-enabled=true}, for a local run without an identity provider.
 */
@RestController
@ConditionalOnProperty(prefix = "chorus.gateway.auth", name = "dev-enabled", havingValue = "true")
class DevTokenController {

    private static final Logger log = LoggerFactory.getLogger(DevTokenController.class);

    /** As long as a group name: enough for a person's name, short enough for every screen. */
    static final int MAX_DISPLAY_NAME_CHARS = 100;

    private final TokenIssuer issuer;

    DevTokenController(GatewayProperties properties, Clock clock) {
        GatewayProperties.Auth auth = properties.auth();
        this.issuer = new TokenIssuer(auth.secretBytes(), auth.devTokenTtl(), clock);
        log.warn("""

                ******************************************************************************
                *  DEV AUTH IS ON: POST /api/dev/token mints a valid token for ANY user id.  *
                *  Anyone who can reach this gateway can act as anyone. Never run this way   *
                *  in production: set chorus.gateway.auth.dev-enabled=false.                 *
                ******************************************************************************""");
    }

    record TokenRequest(String userId, String displayName) {
    }

    record DevToken(String token) {
    }

    @PostMapping("/api/dev/token")
    ResponseEntity<?> token(@RequestBody(required = false) String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return badRequest("body must be JSON: {\"userId\": string, \"displayName\": string?}");
        }
        if (root == null || !root.isObject()) {
            return badRequest("body must be a JSON object: {\"userId\": string, \"displayName\": string?}");
        }
        JsonNode userId = root.get("userId");
        if (userId == null || !userId.isString()) {
            return badRequest("userId must be a string");
        }
        var idProblem = Rules.id("userId", userId.stringValue());
        if (idProblem.isPresent()) {
            return ResponseEntity.badRequest().body(idProblem.get());
        }
        JsonNode displayName = root.get("displayName");
        String name = userId.stringValue();
        if (displayName != null && !displayName.isNull()) {
            if (!displayName.isString() || displayName.stringValue().isBlank()) {
                return badRequest("displayName must be a non-blank string");
            }
            if (Rules.length(displayName.stringValue()) > MAX_DISPLAY_NAME_CHARS) {
                return badRequest("displayName must be at most " + MAX_DISPLAY_NAME_CHARS + " characters");
            }
            name = displayName.stringValue();
        }
        return ResponseEntity.ok(new DevToken(issuer.issue(userId.stringValue(), name)));
    }

    private static ResponseEntity<Problem> badRequest(String message) {
        return ResponseEntity.badRequest().body(Problem.badRequest(message));
    }
}
