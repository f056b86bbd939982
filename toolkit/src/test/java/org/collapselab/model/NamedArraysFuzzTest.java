package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.collapselab.testing.Mutations.Mutation;
import org.collapselab.testing.Mutations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fuzzing of the checkpoint's {@code dense.bin}: a damaged file is refused with an {@link IOException} that names
 * it, within a time limit; only an undamaged one loads, and then as the arrays that were written.
 */
class NamedArraysFuzzTest {
    private static Path root, valid;
    private static Map<String, INDArray> written;

    @BeforeContainer
    static void write() throws IOException {
        root = Files.createTempDirectory("collapselab-fuzz-dense");
        valid = root.resolve("valid.bin");
        written = new LinkedHashMap<>();
        written.put("mlp/w0", Nd4j.linspace(-1, 1, 12, DataType.FLOAT).reshape(3, 4));
        written.put("mlp/b0", Nd4j.linspace(0, 1, 4, DataType.FLOAT));
        written.put("bn/mean", Nd4j.scalar(DataType.FLOAT, 0.5f));
        NamedArrays.write(valid, written);
    }

    @AfterContainer
    static void remove() {
        Mutations.deleteTree(root);
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        return Mutations.mutations();
    }

    @Property(tries = 300, seed = "107")
    void aDamagedDenseFileIsRefusedNamingIt(@ForAll("damage") List<Mutation> damage) throws Exception {
        byte[] good = Files.readAllBytes(valid), bad = Mutations.apply(good, damage);
        Path f = Files.write(root.resolve("dense.bin"), bad);
        try {
            Map<String, INDArray> read = Mutations.within(10, () -> NamedArrays.read(f));
            assertTrue(Arrays.equals(good, bad), "only an undamaged file loads");
            assertEquals(written.keySet(), read.keySet());
            for (String k : written.keySet()) assertEquals(written.get(k), read.get(k), k);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
        }
    }
}
