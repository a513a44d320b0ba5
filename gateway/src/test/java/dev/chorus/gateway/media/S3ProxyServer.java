package dev.chorus.gateway.media;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.Map;

/**
 * A real S3 server in the test's JVM: S3Proxy over jclouds' in-memory ("transient") blob store, on a free port
 * of 127.0.0.1, checking AWS signatures like S3 does. No Docker, nothing left behind.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "chorus-test";
    public static final String SECRET_KEY = "chorus-test-secret";

    private final BlobStoreContext blobs;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext blobs, S3Proxy proxy) {
        this.blobs = blobs;
        this.proxy = proxy;
    }

    public static S3ProxyServer start() {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            blobs.close();
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        return new S3ProxyServer(blobs, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The gateway's settings for a store in this server's bucket {@code bucket}. */
    public Map<String, String> gatewayProperties(String bucket) {
        return Map.of(
                "chorus.gateway.media.store", "s3",
                "chorus.gateway.media.s3.endpoint", endpoint(),
                "chorus.gateway.media.s3.bucket", bucket,
                "chorus.gateway.media.s3.access-key", ACCESS_KEY,
                "chorus.gateway.media.s3.secret-key", SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
