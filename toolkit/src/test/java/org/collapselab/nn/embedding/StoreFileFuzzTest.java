package org.collapselab.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.collapselab.testing.Mutations.Mutation;
import org.collapselab.testing.Mutations;

/**
 * Fuzzing of the checkpoint's {@code embeddings.bin}: a damaged file is refused with an {@link IOException} that
 * names it, within a time limit; only an undamaged one loads, and then as the store that was saved.
 */
class StoreFileFuzzTest {
    private static Path root, valid;
    private static EmbeddingStore saved;

    @BeforeContainer
    static void save() throws IOException {
        root = Files.createTempDirectory("collapselab-fuzz-store");
        valid = root.resolve("valid.bin");
        saved = EmbeddingStoreTest.store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        saved.save(valid);
    }

    @AfterContainer
    static void remove() {
        Mutations.deleteTree(root);
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        return Mutations.mutations();
    }

    @Property(tries = 300, seed = "108")
    void aDamagedEmbeddingsFileIsRefusedNamingIt(@ForAll("damage") List<Mutation> damage) throws Exception {
        byte[] good = Files.readAllBytes(valid), bad = Mutations.apply(good, damage);
        Path f = Files.write(root.resolve("embeddings.bin"), bad);
        try {
            EmbeddingStore s = Mutations.within(10, () -> EmbeddingStore.load(f));
            assertTrue(Arrays.equals(good, bad), "only an undamaged file loads");
            assertEquals(saved.table(0), s.table(0));
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
        }
    }
}
