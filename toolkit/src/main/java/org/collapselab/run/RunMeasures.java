package org.collapselab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SetPatterns;
import org.collapselab.analysis.Spectrum;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.io.PropertiesText;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;

/**
 * The measures the paper's recipes read from a stored run's kept weights ({@link RunStore#measure}: computed once,
 * cached by run and key, never by training): IA and spectra per field with the sets side by side, IA per field of each
 * set, DCNv2's field-pair norms of each set's first cross layer, and the sub-embedding IA of single-embedding FFM and
 * DCNv2. Each key names its spectrum options.
 */
public final class RunMeasures {
    private RunMeasures() {}

    /** IA and singular values per field of the kept tables, sets side by side (Fig. 2, 4, 6, 9a), with {@link SpectrumOptions#DEFAULT}. */
    public static final Measure<FieldIA> FIELD_IA = fieldIA(SpectrumOptions.DEFAULT);

    /** {@code [m][f]}: IA of field f in set m's own table (Fig. 9b), with {@link SpectrumOptions#DEFAULT}. */
    public static final Measure<double[][]> SET_IA = new Measure<>() {
        @Override
        public String key() {
            return "set-ia." + suffix(SpectrumOptions.DEFAULT);
        }

        @Override
        public double[][] compute(RunRecord run, KeptWeights w) {
            double[][] ia = new double[w.sets()][];
            for (int m = 0; m < ia.length; m++) ia[m] = FieldIA.of(w.table(m), w.schema()).ia();
            return ia;
        }

        @Override
        public String encode(double[][] v) {
            return rows(v);
        }

        @Override
        public double[][] decode(String text) {
            return rows(text);
        }
    };

    /** Per set, {@code [i][j] = ||W_{i→j}||_F} of the first cross layer (Fig. 9c; DCNv2 only). */
    public static final Measure<List<double[][]>> CROSS_NORMS = new Measure<>() {
        @Override
        public String key() {
            return "cross-norms";
        }

        @Override
        public List<double[][]> compute(RunRecord run, KeptWeights w) {
            if (run.spec().kind() != ModelKind.DCNV2) throw new IllegalArgumentException("cross norms exist for DCNv2 only, this is " + run.spec().label());
            List<double[][]> out = new ArrayList<>();
            for (int m = 0; m < w.sets(); m++) out.add(SetPatterns.crossNorms(w.crossWeight(m), w.schema().size(), w.k()));
            return out;
        }

        @Override
        public String encode(List<double[][]> v) {
            return v.stream().map(RunMeasures::rows).reduce((a, b) -> a + "\n\n" + b).orElse("");
        }

        @Override
        public List<double[][]> decode(String text) {
            return java.util.Arrays.stream(text.split("\n\n")).map(RunMeasures::rows).toList();
        }
    };

    /** IA(E_{i→j}) of the kept weights (Fig. 3): single-embedding FFM's blocks, DCNv2's first cross layer's projections. */
    public static final Measure<SubEmbeddingIA> SUB_EMBEDDING_IA = new Measure<>() {
        @Override
        public String key() {
            return "sub-embedding-ia." + suffix(SpectrumOptions.DEFAULT);
        }

        @Override
        public SubEmbeddingIA compute(RunRecord run, KeptWeights w) {
            if (!hasSubEmbeddings(run.spec()))
                throw new IllegalArgumentException("sub-embedding IA exists for single-embedding FFM and DCNv2 only, this is " + run.spec().label());
            return run.spec().kind() == ModelKind.FFM ? SubEmbeddingIA.ffm(w.table(0), w.schema(), SpectrumOptions.DEFAULT)
                    : SubEmbeddingIA.dcnv2(w.table(0), w.crossWeight(0), w.schema(), SpectrumOptions.DEFAULT);
        }

        @Override
        public String encode(SubEmbeddingIA s) {
            Properties p = new Properties();
            p.setProperty("model", s.model());
            p.setProperty("fields", String.join("\t", s.fields()));
            p.setProperty("cardinalities", java.util.Arrays.toString(s.cardinalities()));
            p.setProperty("k", String.valueOf(s.k()));
            p.setProperty("diagonalUsed", String.valueOf(s.diagonalUsed()));
            p.setProperty("rawIa", PropertiesText.join(s.rawIA()));
            p.setProperty("ia", rows(s.ia()).replace("\n", ";"));
            return PropertiesText.write(p).stripTrailing();
        }

        @Override
        public SubEmbeddingIA decode(String text) {
            Properties p = PropertiesText.read(text);
            String what = "the cached sub-embedding IA";
            return new SubEmbeddingIA(PropertiesText.get(p, "model", what), List.of(PropertiesText.get(p, "fields", what).split("\t")),
                    ints(PropertiesText.get(p, "cardinalities", what)), PropertiesText.doubles(PropertiesText.get(p, "rawIa", what)),
                    rows(PropertiesText.get(p, "ia", what).replace(";", "\n")), Boolean.parseBoolean(PropertiesText.get(p, "diagonalUsed", what)),
                    Integer.parseInt(PropertiesText.get(p, "k", what)), SpectrumOptions.DEFAULT);
        }
    };

    /** The measures the recipes read of a run of {@code spec}: what a store that keeps no weights computes when the run is put. */
    public static List<Measure<?>> of(ModelSpec spec) {
        List<Measure<?>> out = new ArrayList<>(List.of(FIELD_IA, SET_IA));
        if (spec.kind() == ModelKind.DCNV2) out.add(CROSS_NORMS);
        if (hasSubEmbeddings(spec)) out.add(SUB_EMBEDDING_IA);
        return out;
    }

    /** Whether runs of {@code spec} have sub-embeddings: single-embedding FFM (its blocks) and DCNv2 (its first cross layer's projections). */
    public static boolean hasSubEmbeddings(ModelSpec spec) {
        return spec.sets() == 1 && (spec.kind() == ModelKind.FFM || spec.kind() == ModelKind.DCNV2);
    }

    /** IA and singular values per field of the kept tables, sets side by side, with {@code options}. */
    public static Measure<FieldIA> fieldIA(SpectrumOptions options) {
        return new Measure<>() {
            @Override
            public String key() {
                return "field-ia." + suffix(options);
            }

            @Override
            public FieldIA compute(RunRecord run, KeptWeights w) {
                return FieldIA.of(w.concatenatedTables(), w.schema(), options);
            }

            @Override
            public String encode(FieldIA v) {
                Properties p = new Properties();
                p.setProperty("fields", String.join("\t", v.fields()));
                p.setProperty("cardinalities", java.util.Arrays.toString(v.cardinalities()));
                p.setProperty("ia", PropertiesText.join(v.ia()));
                p.setProperty("k", String.valueOf(v.k()));
                for (int f = 0; f < v.fields().size(); f++) p.setProperty("sigma." + f, PropertiesText.join(v.spectra().get(f).values()));
                return PropertiesText.write(p).stripTrailing();
            }

            @Override
            public FieldIA decode(String text) {
                Properties p = PropertiesText.read(text);
                String what = "the cached field IA";
                List<String> fields = List.of(PropertiesText.get(p, "fields", what).split("\t"));
                List<Spectrum> spectra = new ArrayList<>();
                for (int f = 0; f < fields.size(); f++) spectra.add(new Spectrum(PropertiesText.doubles(PropertiesText.get(p, "sigma." + f, what))));
                return new FieldIA(fields, ints(PropertiesText.get(p, "cardinalities", what)), PropertiesText.doubles(PropertiesText.get(p, "ia", what)),
                        Integer.parseInt(PropertiesText.get(p, "k", what)), spectra, options);
            }
        };
    }

    private static String suffix(SpectrumOptions o) {
        return o.rows().name().toLowerCase(java.util.Locale.ROOT) + "." + o.solver().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A matrix as lines of comma-separated doubles. */
    private static String rows(double[][] v) {
        return java.util.Arrays.stream(v).map(PropertiesText::join).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static double[][] rows(String text) {
        return text.lines().map(PropertiesText::doubles).toArray(double[][]::new);
    }

    private static int[] ints(String bracketed) {
        String s = bracketed.substring(1, bracketed.length() - 1).strip();
        return s.isEmpty() ? new int[0] : java.util.Arrays.stream(s.split(",\\s*")).mapToInt(Integer::parseInt).toArray();
    }
}
