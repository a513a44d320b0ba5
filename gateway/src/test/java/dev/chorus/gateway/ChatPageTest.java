package dev.chorus.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser chat client is static files of the gateway: the page at {@code /}, its ES modules beside it. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chorus.gateway.auth.hs256-secret=" + TestTokens.SECRET,
                "chorus.kafka.topic-partitions=3",
                "chorus.kafka.replication-factor=1"})
class ChatPageTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("chorus.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    }

    @LocalServerPort
    int port;

    @Test
    void theRootServesTheChatPage() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Chorus</title>", "<script type=\"module\" src=\"app.js\">");
    }

    @Test
    void theClientLibraryIsServedAsJavaScript() throws Exception {
        for (String module : new String[] {"/chorus-client.js", "/app.js"}) {
            HttpResponse<String> script = get(module);

            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        }
        assertThat(get("/chorus-client.js").body()).contains("export class ChorusClient");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(TestSocket.WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
