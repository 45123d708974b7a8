package dev.skiff.store.embedded;

import dev.skiff.store.Store;
import dev.skiff.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store, a fresh database per test. */
class EmbeddedStoreTest extends StoreContractTest {

    @TempDir
    Path directory;

    @Override
    protected Store newStore() {
        return new EmbeddedStore(directory);
    }
}
