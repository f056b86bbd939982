package org.collapselab.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a raw file becomes an {@link EncodedDataset}. Defaults follow the paper's released code (DESIGN §4):
 * the format's min count, vocabulary counted over the whole file, Avazu's hour kept raw, lenient on bad lines
 * (counted and reported, never dropped silently), split seed 0.
 *
 * @param minCount    tokens seen fewer times share the field's OOV index; {@code null}: the format's default
 * @param vocabulary  which rows count towards the min count
 * @param hour        how a {@code YYMMDDHH} column becomes fields
 * @param errors      what a bad line does
 * @param rejectBudget in lenient mode, the largest fraction of the lines read that may be rejected (default
 *                    {@value #DEFAULT_REJECT_BUDGET}, i.e. 1%); a load that rejects more fails, naming the main reason and
 *                    an example line. Any reject is logged as a warning with the counts by reason. Below 1, a file whose
 *                    first 1,000 lines are all rejected fails at once as a file of another format; 1 accepts any number.
 * @param splitSeed   seed of the 8:1:1 split (used for {@link VocabularyScope#TRAIN_ONLY} counting)
 * @param maxRows     read at most this many data lines (0: all), for quick looks at huge files
 * @param cacheDir    where the binary cache lives
 * @param progress    receives progress of the passes over the file
 */
public record PreprocessOptions(Integer minCount, VocabularyScope vocabulary, HourEncoding hour, ErrorPolicy errors,
                                double rejectBudget, long splitSeed, long maxRows, Path cacheDir, Progress progress) {

    /** The default {@link #rejectBudget}: at most 1% of the lines read may be rejected. */
    public static final double DEFAULT_REJECT_BUDGET = 0.01;

    /** Which rows' tokens are counted for the min-count threshold. */
    public enum VocabularyScope {
        /** Every row of the file, as the original does (the vocabulary sees validation and test rows). */
        WHOLE_FILE,
        /** Only the training rows of the seeded 8:1:1 split; tokens unseen there are OOV. */
        TRAIN_ONLY
    }

    /** How a {@code YYMMDDHH} timestamp column becomes fields. */
    public enum HourEncoding {
        /** One field with the raw token, as the paper's code does. */
        RAW,
        /** Two fields, hour of day ({@code 00..23}) and weekday ({@code 1..7}, Monday = 1), as FuxiCTR does. */
        HOUR_OF_DAY_AND_WEEKDAY
    }

    /** What a bad line does. */
    public enum ErrorPolicy {
        /** Fail on the first bad line, naming the file, line number and reason. */
        STRICT,
        /**
         * Skip bad lines, counting each by reason with the first line numbers in the report, logging a warning, and
         * failing when more than the {@link PreprocessOptions#rejectBudget() reject budget} were rejected.
         */
        LENIENT
    }

    public PreprocessOptions {
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(progress, "progress");
        if (minCount != null && minCount < 1) throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        if (!(rejectBudget >= 0 && rejectBudget <= 1))
            throw new IllegalArgumentException("rejectBudget must be a fraction in [0, 1], got " + rejectBudget);
        if (maxRows < 0) throw new IllegalArgumentException("maxRows must be >= 0 (0 = all), got " + maxRows);
    }

    /** The defaults: see the class comment. */
    public static PreprocessOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().minCount(minCount).vocabulary(vocabulary).hour(hour).errors(errors)
                .rejectBudget(rejectBudget).splitSeed(splitSeed).maxRows(maxRows).cacheDir(cacheDir).progress(progress);
    }

    /** The min count in force for a format. */
    public int minCountFor(CtrFormat format) {
        return minCount != null ? minCount : format.defaultMinCount();
    }

    /** Everything that changes the encoded result, as one line (cache dir, progress and the reject budget do not). */
    String fingerprint(CtrFormat format) {
        return "minCount=" + minCountFor(format) + ";vocabulary=" + vocabulary
                + (vocabulary == VocabularyScope.TRAIN_ONLY ? ";splitSeed=" + splitSeed : "")
                + ";hour=" + hour + ";errors=" + errors + ";maxRows=" + maxRows;
    }

    /** The split a {@link #fingerprint} says the vocabulary was counted on; empty for the whole file. */
    static java.util.Optional<SplitSpec> vocabularySplit(String fingerprint) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";vocabulary=TRAIN_ONLY;splitSeed=(-?\\d+);").matcher(fingerprint);
        return m.find() ? java.util.Optional.of(SplitSpec.seeded(Long.parseLong(m.group(1)))) : java.util.Optional.empty();
    }

    /** The default cache folder, {@code ~/.cache/collapselab} (notebooks use the repository's {@code data/cache}). */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "collapselab");
    }

    /** Builder for {@link PreprocessOptions}; every setter returns the builder. */
    public static final class Builder {
        private Integer minCount;
        private VocabularyScope vocabulary = VocabularyScope.WHOLE_FILE;
        private HourEncoding hour = HourEncoding.RAW;
        private ErrorPolicy errors = ErrorPolicy.LENIENT;
        private double rejectBudget = DEFAULT_REJECT_BUDGET;
        private long splitSeed = 0;
        private long maxRows = 0;
        private Path cacheDir;
        private Progress progress = Progress.NONE;

        private Builder() {}

        public Builder minCount(Integer v) { minCount = v; return this; }
        public Builder vocabulary(VocabularyScope v) { vocabulary = v; return this; }
        public Builder hour(HourEncoding v) { hour = v; return this; }
        public Builder errors(ErrorPolicy v) { errors = v; return this; }
        public Builder strict() { return errors(ErrorPolicy.STRICT); }
        public Builder lenient() { return errors(ErrorPolicy.LENIENT); }
        public Builder rejectBudget(double v) { rejectBudget = v; return this; }
        public Builder splitSeed(long v) { splitSeed = v; return this; }
        public Builder maxRows(long v) { maxRows = v; return this; }
        public Builder cacheDir(Path v) { cacheDir = v; return this; }
        public Builder progress(Progress v) { progress = v; return this; }

        public PreprocessOptions build() {
            return new PreprocessOptions(minCount, vocabulary, hour, errors, rejectBudget, splitSeed, maxRows,
                    cacheDir != null ? cacheDir : defaultCacheDir(), progress);
        }
    }
}
