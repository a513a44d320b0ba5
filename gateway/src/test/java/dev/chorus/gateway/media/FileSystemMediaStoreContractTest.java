package dev.chorus.gateway.media;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on a folder; {@link FileSystemMediaStoreTest} has what only a folder can show. */
class FileSystemMediaStoreContractTest extends MediaStoreContract {

    @TempDir
    Path dir;

    @Override
    MediaStore store() {
        return new FileSystemMediaStore(dir);
    }

    @Override
    MediaStore anotherStore() {
        return new FileSystemMediaStore(dir);
    }
}
