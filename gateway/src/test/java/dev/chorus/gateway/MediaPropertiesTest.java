package dev.chorus.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaPropertiesTest {

    @Test
    void mediaLivesUnderTheDataFolderAndUrlsFollowTheRequestByDefault() {
        GatewayProperties.Media media = bind(Map.of()).media();

        assertThat(media.dir()).isEqualTo(Path.of("data", "media"));
        assertThat(media.publicBaseUrl()).isNull();
    }

    @Test
    void aPublicBaseUrlLosesItsTrailingSlashAndABlankOneMeansNone() {
        assertThat(bind(Map.of("chorus.gateway.media.public-base-url", "https://chat.example/app/")).media()
                .publicBaseUrl()).isEqualTo("https://chat.example/app");
        assertThat(bind(Map.of("chorus.gateway.media.public-base-url", " ")).media().publicBaseUrl()).isNull();
        assertThat(bind(Map.of("chorus.gateway.media.dir", "/srv/chorus/media")).media().dir())
                .isEqualTo(Path.of("/srv/chorus/media"));
    }

    @Test
    void refusesARelativePublicBaseUrl() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.media.public-base-url", "chat.example/media")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("public-base-url must be an absolute URL");
    }

    @Test
    void refusesAMediaLimitOfNothing() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.limits.max-media-bytes", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("max-media-bytes must be at least 1 byte");
    }

    private static GatewayProperties bind(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("chorus.gateway.auth.hs256-secret", TestTokens.SECRET);
        return new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("chorus.gateway", GatewayProperties.class);
    }
}
