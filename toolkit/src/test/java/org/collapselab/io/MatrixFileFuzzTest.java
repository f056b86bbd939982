package org.collapselab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.collapselab.testing.Mutations.Mutation;
import org.collapselab.testing.Mutations;

/**
 * Fuzzing of the external-table readers: a damaged {@code .npy} or CSV table is read, or refused with an
 * {@link IllegalArgumentException} whose message starts with the file, within a time limit; what is read is
 * finite and of the shape it claims.
 */
class MatrixFileFuzzTest {
    private static Path root, npy, csv;

    @BeforeContainer
    static void valid() throws IOException {
        root = Files.createTempDirectory("collapselab-fuzz-tables");
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[12 * 5];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        npy = root.resolve("valid.npy");
        MatrixFile.writeNpy(v, 12, 5, npy);
        StringBuilder sb = new StringBuilder("d0,d1,d2,d3,d4\n");
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 5; j++) sb.append(j > 0 ? "," : "").append(v[i * 5 + j]);
            sb.append('\n');
        }
        csv = Files.writeString(root.resolve("valid.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void remove() {
        Mutations.deleteTree(root);
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        return Mutations.mutations();
    }

    private static void readDamaged(Path valid, String name, List<Mutation> damage) throws Exception {
        Path f = root.resolve(name);
        Files.write(f, Mutations.apply(Files.readAllBytes(valid), damage));
        try {
            MatrixFile m = Mutations.within(10, () -> MatrixFile.read(f));
            assertEquals((long) m.rows() * m.cols(), m.values().length);
            for (float x : m.values()) assertTrue(Float.isFinite(x), "a value read is finite: " + x);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
        }
    }

    @Property(tries = 400, seed = "105")
    void aDamagedNpyIsReadOrRefusedNamingTheFile(@ForAll("damage") List<Mutation> damage) throws Exception {
        readDamaged(npy, "t.npy", damage);
    }

    @Property(tries = 400, seed = "106")
    void aDamagedCsvTableIsReadOrRefusedNamingTheFile(@ForAll("damage") List<Mutation> damage) throws Exception {
        readDamaged(csv, "t.csv", damage);
    }
}
