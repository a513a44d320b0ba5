package dev.chorus.gateway.media;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a bucket of a real S3 server (S3Proxy, in this JVM), through the AWS SDK. */
class S3MediaStoreContractTest extends MediaStoreContract {

    private static S3ProxyServer server;
    private final String bucket = "media-" + UUID.randomUUID();
    private final List<S3MediaStore> stores = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(S3MediaStore::close);
    }

    @Override
    MediaStore store() {
        S3MediaStore store = new S3MediaStore(MediaConfiguration.s3Client(settings()), bucket);
        store.ensureBucket();
        stores.add(store);
        return store;
    }

    @Override
    MediaStore anotherStore() {
        return store();
    }

    @Test
    void theBucketIsMadeWhenMissingAndFoundWhenNot() {
        S3MediaStore first = (S3MediaStore) store();
        S3MediaStore second = (S3MediaStore) store();

        first.ensureBucket();
        second.ensureBucket();

        assertThat(second.bucket()).isEqualTo(bucket);
    }

    @Test
    void theMetadataIsPlainObjectMetadataAnOperatorCanRead() throws Exception {
        MediaStore store = store();
        String id = new MediaIds().next();
        StoredMedia media = new StoredMedia(id, "zoë", "http://localhost/media/" + id, "image/png", 1, 2, 3, null,
                java.time.Instant.parse("2025-01-02T03:04:05Z"));
        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(new byte[] {7});
            upload.commit(media);
        }

        try (var client = MediaConfiguration.s3Client(settings())) {
            HeadObjectResponse head = client.headObject(request -> request.bucket(bucket).key(id));
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(head.contentLength()).isEqualTo(1);
            assertThat(head.metadata()).containsEntry(S3MediaStore.OWNER, "zo%C3%AB")
                    .containsEntry(S3MediaStore.WIDTH, "2").containsEntry(S3MediaStore.HEIGHT, "3")
                    .containsEntry(S3MediaStore.UPLOADED_AT, "2025-01-02T03:04:05Z");
        }
    }

    private MediaStoreProperties.S3 settings() {
        return new MediaStoreProperties.S3(server.endpoint(), bucket, "us-east-1", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true);
    }
}
