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

    private static Path avazuSample() {
        Path p = Path.of(System.getProperty("collapselab.shared", "../../shared")).resolve("data/deepctr_avazu_sample.txt");
        assertTrue(Files.isRegularFile(p), "shared Avazu sample at " + p.toAbsolutePath());
        return p;
    }

    private Lab lab(RunProfile profile, Optional<Path> avazu) {
        return Lab.of(new Environment(profile, tmp.resolve("data"), Optional.empty(), avazu, tmp.resolve("out")));
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
