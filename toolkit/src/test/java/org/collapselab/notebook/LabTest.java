package org.collapselab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.collapselab.data.EncodedDataset;
import org.collapselab.experiment.RunProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTest {
    @TempDir
    Path tmp;

    private static Path sample(String name) {
        // the shared samples beside the repository (collapselab.shared, ../shared, the workplace's /work/shared); a clone
        // without them skips these tests
        java.util.List<Path> roots = new java.util.ArrayList<>();
        if (System.getProperty("collapselab.shared") != null) roots.add(Path.of(System.getProperty("collapselab.shared")));
        roots.add(Path.of("../../shared"));
        roots.add(Path.of("/work/shared"));
        Path p = roots.stream().map(r -> r.resolve("data").resolve(name)).filter(Files::isRegularFile).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(p != null, "no shared sample " + name + " under " + roots);
        return p;
    }

    private static Path avazuSample() {
        return sample("deepctr_avazu_sample.txt");
    }

    private Lab lab(RunProfile profile, Optional<Path> avazu) {
        return lab(profile, Optional.empty(), avazu);
    }

    private Lab lab(RunProfile profile, Optional<Path> criteo, Optional<Path> avazu) {
        return Lab.of(new Environment(profile, tmp.resolve("data"), criteo, avazu, tmp.resolve("out")));
    }

    @Test
    void criteoIsTheRealFileInTheFullProfileWhenGiven() {
        EncodedDataset c = lab(RunProfile.FULL, Optional.of(sample("paddlerec_criteo_raw_sample.tsv")), Optional.empty()).criteo();
        assertEquals(100, c.rows(), "the raw train.txt sample's 100 lines");
        assertEquals(39, c.schema().size(), "I1..I13 and C1..C26");
        assertTrue(Files.isDirectory(tmp.resolve("data/cache")), "its cache goes to data/cache");
        assertTrue(Files.notExists(tmp.resolve("data/generated")), "nothing generated when the real file is given");
    }

    @Test
    void avazuIsUsedInTheFullProfileWhenGiven() {
        Optional<EncodedDataset> a = lab(RunProfile.FULL, Optional.of(avazuSample())).avazu();
        assertTrue(a.isPresent());
        assertEquals(100, a.get().rows());
        assertEquals(22, a.get().schema().size(), "Avazu's 22 fields, id dropped");
        assertTrue(Files.isDirectory(tmp.resolve("data/cache")), "its cache goes to data/cache");
    }

    @Test
    void noAvazuOutsideTheFullProfileOrWithoutAFile() {
        assertTrue(lab(RunProfile.DEFAULT, Optional.of(avazuSample())).avazu().isEmpty());
        assertTrue(lab(RunProfile.FULL, Optional.empty()).avazu().isEmpty());
    }

    @Test
    void profilesScaleUpFromSmokeToFull() {
        Lab.Settings smoke = lab(RunProfile.SMOKE, Optional.empty()).settings(), full = lab(RunProfile.FULL, Optional.empty()).settings();
        assertTrue(smoke.rows() < full.rows() && smoke.maxEpochs() < full.maxEpochs());
        assertEquals(List.of(1, 2, 3, 4, 10), full.scales(), "the paper's scale factors");
        assertEquals(3, full.seeds().size(), "the paper repeats each run 3 times");
    }
}
