package org.collapselab.experiment;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.Spectrum;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.train.EpochResult;
import org.collapselab.train.Predictions;
import org.collapselab.train.TrainResult;

/**
 * The text form of a {@link RunRecord}: properties, the request under {@code request.}, doubles written exactly
 * ({@link Double#toString}) so that a record read back equals the one written; predictions as Base64 of their
 * little-endian bytes (row ids int32, scores float32, labels one byte). Records of another {@link #FORMAT} are refused.
 */
final class RunRecordCodec {
    /** 2: records keep their test and validation predictions and the digests of their kept weights. */
    static final int FORMAT = 2;

    private RunRecordCodec() {}

    static String encode(RunRecord r) {
        Properties p = new Properties();
        p.setProperty("format", String.valueOf(FORMAT));
        p.setProperty("request", r.request().encode());
        TrainResult t = r.result();
        p.setProperty("result.bestEpoch", String.valueOf(t.bestEpoch()));
        p.setProperty("result.validAuc", String.valueOf(t.validAuc()));
        p.setProperty("result.testAuc", String.valueOf(t.testAuc()));
        p.setProperty("result.testLogloss", String.valueOf(t.testLogloss()));
        p.setProperty("result.seconds", String.valueOf(t.seconds()));
        p.setProperty("epochs", String.valueOf(t.epochs()));
        putPredictions(p, "test", t.test());
        putPredictions(p, "validBest", t.validBest());
        putPredictions(p, "validLast", t.validLast());
        for (EpochResult e : t.history())
            p.setProperty("history." + e.epoch(), join(new double[] {e.trainLoss(), e.validAuc(), e.validLogloss(), e.seconds()}));
        FieldIA k = r.kept();
        p.setProperty("fields", String.valueOf(k.fields().size()));
        for (int f = 0; f < k.fields().size(); f++) {
            p.setProperty("field." + f + ".name", k.fields().get(f));
            p.setProperty("field." + f + ".cardinality", String.valueOf(k.cardinalities()[f]));
            p.setProperty("field." + f + ".sigma", join(k.spectra().get(f).values()));
        }
        p.setProperty("kept.ia", join(k.ia()));
        p.setProperty("kept.width", String.valueOf(k.k()));
        double[][] perEpoch = r.iaPerEpoch();
        for (int e = 0; e < perEpoch.length; e++) p.setProperty("ia." + (e + 1), join(perEpoch[e]));
        double[][] setIa = r.setIa();
        for (int m = 0; m < setIa.length; m++) p.setProperty("setIa." + m, join(setIa[m]));
        p.setProperty("crossNorms", String.valueOf(r.crossNorms().size()));
        for (int m = 0; m < r.crossNorms().size(); m++) {
            double[][] n = r.crossNorms().get(m);
            for (int i = 0; i < n.length; i++) p.setProperty("crossNorm." + m + "." + i, join(n[i]));
        }
        r.subEmbeddings().ifPresent(s -> {
            p.setProperty("sub.model", s.model());
            p.setProperty("sub.k", String.valueOf(s.k()));
            p.setProperty("sub.diagonalUsed", String.valueOf(s.diagonalUsed()));
            p.setProperty("sub.rawIa", join(s.rawIA()));
            double[][] ia = s.ia();
            for (int i = 0; i < ia.length; i++) p.setProperty("sub.ia." + i, join(ia[i]));
        });
        p.setProperty("weights.tables", r.weights().tables());
        r.weights().cross().ifPresent(c -> p.setProperty("weights.cross", c));
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // sorted lines without the date comment: the same record always has the same bytes
        return Arrays.stream(w.toString().split("\n")).filter(l -> !l.startsWith("#")).sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    static RunRecord decode(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String format = p.getProperty("format", "1");
        if (!format.equals(String.valueOf(FORMAT)))
            throw new IllegalArgumentException("the run record is of format " + format + ", this toolkit reads format " + FORMAT
                    + " (records that keep their test predictions)");
        RunRequest request = RunRequest.decode(get(p, "request"));
        int epochs = Integer.parseInt(get(p, "epochs"));
        List<EpochResult> history = new ArrayList<>();
        double[][] perEpoch = new double[epochs][];
        for (int e = 1; e <= epochs; e++) {
            double[] v = doubles(get(p, "history." + e));
            history.add(new EpochResult(e, v[0], v[1], v[2], v[3]));
            perEpoch[e - 1] = doubles(get(p, "ia." + e));
        }
        TrainResult result = new TrainResult(request.spec(), request.seed(), history, Integer.parseInt(get(p, "result.bestEpoch")),
                Double.parseDouble(get(p, "result.validAuc")), Double.parseDouble(get(p, "result.testAuc")),
                Double.parseDouble(get(p, "result.testLogloss")), Double.parseDouble(get(p, "result.seconds")), predictions(p, "test"),
                predictions(p, "validBest"), predictions(p, "validLast"));
        int fields = Integer.parseInt(get(p, "fields"));
        List<String> names = new ArrayList<>();
        int[] cards = new int[fields];
        List<Spectrum> spectra = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            names.add(get(p, "field." + f + ".name"));
            cards[f] = Integer.parseInt(get(p, "field." + f + ".cardinality"));
            spectra.add(new Spectrum(doubles(get(p, "field." + f + ".sigma"))));
        }
        FieldIA kept = new FieldIA(names, cards, doubles(get(p, "kept.ia")), Integer.parseInt(get(p, "kept.width")), spectra, SpectrumOptions.DEFAULT);
        double[][] setIa = new double[request.spec().sets()][];
        for (int m = 0; m < setIa.length; m++) setIa[m] = doubles(get(p, "setIa." + m));
        List<double[][]> cross = new ArrayList<>();
        for (int m = 0, n = Integer.parseInt(get(p, "crossNorms")); m < n; m++) {
            double[][] w = new double[fields][];
            for (int i = 0; i < fields; i++) w[i] = doubles(get(p, "crossNorm." + m + "." + i));
            cross.add(w);
        }
        Optional<SubEmbeddingIA> sub = Optional.empty();
        if (p.getProperty("sub.model") != null) {
            double[][] ia = new double[fields][];
            for (int i = 0; i < fields; i++) ia[i] = doubles(get(p, "sub.ia." + i));
            sub = Optional.of(new SubEmbeddingIA(get(p, "sub.model"), names, cards, doubles(get(p, "sub.rawIa")), ia,
                    Boolean.parseBoolean(get(p, "sub.diagonalUsed")), Integer.parseInt(get(p, "sub.k")), SpectrumOptions.DEFAULT));
        }
        return new RunRecord(request, result, kept, perEpoch, setIa, cross, sub,
                new RunRecord.WeightDigests(get(p, "weights.tables"), Optional.ofNullable(p.getProperty("weights.cross"))));
    }

    private static String get(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException("the run record has no '" + key + "' entry");
        return v;
    }

    private static void putPredictions(Properties p, String name, Predictions x) {
        int n = x.size();
        ByteBuffer rows = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN), scores = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        rows.asIntBuffer().put(x.rows());
        scores.asFloatBuffer().put(x.scores());
        byte[] labels = new byte[n];
        float[] y = x.labels();
        for (int i = 0; i < n; i++) labels[i] = (byte) y[i];
        p.setProperty(name + ".rows", Base64.getEncoder().encodeToString(rows.array()));
        p.setProperty(name + ".scores", Base64.getEncoder().encodeToString(scores.array()));
        p.setProperty(name + ".labels", Base64.getEncoder().encodeToString(labels));
    }

    private static Predictions predictions(Properties p, String name) {
        byte[] rows = Base64.getDecoder().decode(get(p, name + ".rows")), scores = Base64.getDecoder().decode(get(p, name + ".scores")),
                labels = Base64.getDecoder().decode(get(p, name + ".labels"));
        if (rows.length % 4 != 0 || scores.length != rows.length || labels.length * 4 != rows.length)
            throw new IllegalArgumentException("the run record's " + name + " predictions have " + rows.length + " bytes of row ids, " + scores.length
                    + " of scores and " + labels.length + " of labels: they do not describe the same rows");
        int n = labels.length;
        int[] r = new int[n];
        float[] s = new float[n], y = new float[n];
        ByteBuffer.wrap(rows).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(r);
        ByteBuffer.wrap(scores).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(s);
        for (int i = 0; i < n; i++) y[i] = labels[i];
        return new Predictions(r, s, y);
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static double[] doubles(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
