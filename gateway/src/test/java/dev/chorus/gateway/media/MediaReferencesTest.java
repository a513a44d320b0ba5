package dev.chorus.gateway.media;

import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class MediaReferencesTest {

    @TempDir
    Path dir;

    private MediaUploads uploads;
    private MediaReferences references;

    @BeforeEach
    void store() {
        FileSystemMediaStore store = new FileSystemMediaStore(dir);
        uploads = new MediaUploads(store, new MediaIds(), 100_000, Clock.systemUTC());
        references = new MediaReferences(store);
    }

    @Test
    void anOwnUploadBecomesItsReference() throws IOException {
        StoredMedia png = upload("image.png", "image/png", "alice");

        MediaReferences.Resolution resolution = references.resolve(byId(MessageKind.IMAGE, png.mediaId()), "alice");

        assertThat(resolution).isEqualTo(new MediaReferences.Resolved(
                new Media(png.url(), "image/png", png.sizeBytes(), 4, 2, null)));
    }

    @Test
    void aGifMayBeSentAsAnImageOrAGifAndAudioAsAudio() throws IOException {
        StoredMedia gif = upload("image.gif", "image/gif", "alice");
        StoredMedia ogg = upload("audio.ogg", "audio/ogg", "alice");

        assertThat(references.resolve(byId(MessageKind.IMAGE, gif.mediaId()), "alice"))
                .isInstanceOf(MediaReferences.Resolved.class);
        assertThat(references.resolve(byId(MessageKind.GIF, gif.mediaId()), "alice"))
                .isInstanceOf(MediaReferences.Resolved.class);
        assertThat(references.resolve(byId(MessageKind.AUDIO, ogg.mediaId()), "alice"))
                .isEqualTo(new MediaReferences.Resolved(new Media(ogg.url(), "audio/ogg", ogg.sizeBytes(), null, null,
                        500L)));
    }

    @Test
    void someoneElsesUploadIsNotFoundLikeAnUnknownOne() throws IOException {
        StoredMedia png = upload("image.png", "image/png", "alice");

        assertRefused(references.resolve(byId(MessageKind.IMAGE, png.mediaId()), "mallory"), ErrorCode.NOT_FOUND);
        assertRefused(references.resolve(byId(MessageKind.IMAGE, new MediaIds().next()), "alice"),
                ErrorCode.NOT_FOUND);
        assertRefused(references.resolve(byId(MessageKind.IMAGE, "../etc/passwd"), "alice"), ErrorCode.NOT_FOUND);
    }

    @Test
    void mediaOfAnotherKindIsABadRequest() throws IOException {
        StoredMedia wav = upload("audio.wav", "audio/wav", "alice");
        StoredMedia png = upload("image.png", "image/png", "alice");

        assertRefused(references.resolve(byId(MessageKind.IMAGE, wav.mediaId()), "alice"), ErrorCode.BAD_REQUEST);
        assertRefused(references.resolve(byId(MessageKind.GIF, png.mediaId()), "alice"), ErrorCode.BAD_REQUEST);
        assertRefused(references.resolve(byId(MessageKind.AUDIO, png.mediaId()), "alice"), ErrorCode.BAD_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({
            "GIF, https://media.example/x/funny.gif, image/gif",
            "GIF, https://media.example/x/funny, image/gif",
            "IMAGE, https://cdn.example/a/B.PNG?w=100#top, image/png",
            "IMAGE, https://cdn.example/photo, image/jpeg",
            "IMAGE, https://cdn.example/photo., image/jpeg",
            "IMAGE, https://cdn.example/dir.d/photo, image/jpeg",
            "AUDIO, https://cdn.example/voice.opus, audio/ogg",
            "AUDIO, https://cdn.example/voice.m4a, audio/mp4",
            "AUDIO, https://cdn.example/voice, audio/mpeg"})
    void aLinkTakesItsTypeFromTheExtensionOrTheKind(MessageKind kind, String url, String mimeType) {
        assertThat(references.resolve(byUrl(kind, url), "alice"))
                .isEqualTo(new MediaReferences.Resolved(new Media(url, mimeType, null, null, null, null)));
    }

    @ParameterizedTest
    @CsvSource({
            "IMAGE, https://cdn.example/song.mp3",
            "GIF, https://cdn.example/still.png",
            "GIF, https://cdn.example/clip.mp4",
            "AUDIO, https://cdn.example/cat.jpg"})
    void aLinkWhoseExtensionNamesAnotherKindIsABadRequest(MessageKind kind, String url) {
        assertRefused(references.resolve(byUrl(kind, url), "alice"), ErrorCode.BAD_REQUEST);
    }

    private StoredMedia upload(String fixture, String type, String owner) throws IOException {
        return ((MediaUploads.Stored) uploads.upload(new ByteArrayInputStream(Fixtures.bytes(fixture)), type, owner,
                "http://localhost:8080")).media();
    }

    private static ClientRequest.SendMessageMedia byId(MessageKind kind, String mediaId) {
        return new ClientRequest.SendMessageMedia(kind, "g1", mediaId, null, null, null);
    }

    private static ClientRequest.SendMessageMedia byUrl(MessageKind kind, String url) {
        return new ClientRequest.SendMessageMedia(kind, "g1", null, url, null, null);
    }

    private static void assertRefused(MediaReferences.Resolution resolution, ErrorCode code) {
        assertThat(resolution).isInstanceOf(MediaReferences.Refused.class);
        assertThat(((MediaReferences.Refused) resolution).problem().code()).isEqualTo(code);
        assertThat(((MediaReferences.Refused) resolution).problem().message()).isNotBlank();
    }
}
