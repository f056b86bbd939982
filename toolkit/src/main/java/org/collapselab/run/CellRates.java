package org.collapselab.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;

/**
 * Training and inference rates (samples/s) of Table 1's cells at Criteo's vocabulary, as {@code bench.ModelBenchmark
 * --scales 1,2,3,4,10} measured them on a 2-core machine ({@code criteo-rates.csv}: its first lines say how): what a
 * {@link RunPlan} estimates a run's hours from. A spec that is not one of the 60 cells (a regularised or
 * divergence-restricted variant, FM, FFM) has no rate.
 *
 * @param rates per cell ({@code DCNV2 SE 4}), {training, inference} samples/s
 * @param source where they were measured
 */
public record CellRates(Map<String, double[]> rates, String source) {
    public CellRates {
        rates = Map.copyOf(rates);
    }

    /** The rates measured for this toolkit (the resource {@code criteo-rates.csv}). */
    public static CellRates measured() {
        try (InputStream in = CellRates.class.getResourceAsStream("criteo-rates.csv")) {
            if (in == null) throw new IllegalStateException("criteo-rates.csv is missing from the toolkit's resources");
            Map<String, double[]> rates = new LinkedHashMap<>();
            StringBuilder source = new StringBuilder();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    if (source.length() == 0) source.append(line.substring(1).strip().replaceFirst(" \\(.*", ""));    // the command and commit
                    continue;
                }
                if (line.isBlank() || line.startsWith("model,")) continue;
                String[] p = line.split(",");
                rates.put(p[0] + " " + p[1] + " " + p[2], new double[]{Double.parseDouble(p[3]), Double.parseDouble(p[4])});
            }
            return new CellRates(rates, source.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read criteo-rates.csv: " + e.getMessage(), e);
        }
    }

    /** {training, inference} samples/s of the cell {@code spec} is, if it is one of Table 1's. */
    public Optional<double[]> of(ModelSpec spec) {
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            String[] k = e.getKey().split(" ");
            EmbeddingMode mode = k[1].equals("SE") ? EmbeddingMode.SINGLE : EmbeddingMode.MULTI;
            if (ModelSpec.of(ModelKind.valueOf(k[0])).scale(Integer.parseInt(k[2]), mode).equals(spec)) return Optional.of(e.getValue().clone());
        }
        return Optional.empty();
    }
}
