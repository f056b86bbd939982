package org.collapselab.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.collapselab.data.Schema;
import org.collapselab.io.PropertiesText;
import org.collapselab.train.EpochResult;
import org.collapselab.train.Predictions;
import org.collapselab.train.TrainResult;

/**
 * The text form of a {@link RunRecord}: properties ({@link PropertiesText}), the request under {@code request.}; predictions as Base64 of their
 * little-endian bytes (row ids int32, scores float32, labels one byte). Records of another {@link #FORMAT} are refused.
 */
final class RunRecordCodec {
    /**
     * 2: records keep their test and validation predictions and the digests of their kept weights; 3: measures of the
     * kept weights are no longer in the record but computed on demand ({@link RunMeasures}).
     */
    static final int FORMAT = 3;

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
        Schema schema = r.schema();
        p.setProperty("fields", String.valueOf(schema.size()));
        for (int f = 0; f < schema.size(); f++) {
            p.setProperty("field." + f + ".name", schema.field(f).name());
            p.setProperty("field." + f + ".cardinality", String.valueOf(schema.cardinality(f)));
        }
        double[][] perEpoch = r.iaPerEpoch();
        for (int e = 0; e < perEpoch.length; e++) p.setProperty("ia." + (e + 1), join(perEpoch[e]));
        p.setProperty("weights.tables", r.weights().tables());
        r.weights().cross().ifPresent(c -> p.setProperty("weights.cross", c));
        return PropertiesText.write(p);
    }

    static RunRecord decode(String text) {
        Properties p = PropertiesText.read(text);
        String format = p.getProperty("format", "1");
        if (!format.equals(String.valueOf(FORMAT)))
            throw new IllegalArgumentException("the run record is of format " + format + ", this toolkit reads format " + FORMAT
                    + " (records whose measures are computed from their kept weights); the run is trained again");
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
        for (int f = 0; f < fields; f++) {
            names.add(get(p, "field." + f + ".name"));
            cards[f] = Integer.parseInt(get(p, "field." + f + ".cardinality"));
        }
        return new RunRecord(request, result, Schema.categorical(names, cards), perEpoch,
                new RunRecord.WeightDigests(get(p, "weights.tables"), Optional.ofNullable(p.getProperty("weights.cross"))));
    }

    private static String get(Properties p, String key) {
        return PropertiesText.get(p, key, "the run record");
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
        return PropertiesText.join(v);
    }

    private static double[] doubles(String s) {
        return PropertiesText.doubles(s);
    }
}
