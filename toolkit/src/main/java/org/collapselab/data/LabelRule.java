package org.collapselab.data;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a label column's text becomes the 0/1 label: as written ({@link #zeroOne()}), by a threshold on a number (a rating
 * of 4 or more is a click: {@link #atLeast}), or by a mapping of tokens. A value the rule does not cover rejects its
 * line, counted and named like every reject.
 */
public sealed interface LabelRule permits LabelRule.ZeroOne, LabelRule.AtLeast, LabelRule.Mapping {
    /** 0 or 1; −1 when {@code token} is not a label under this rule. */
    int label(String token);

    /** What the rule accepts, for messages. */
    String describe();

    /** {@code 0} or {@code 1} (also {@code 0.0}, {@code 1.0}): the built-in formats' rule. */
    static LabelRule zeroOne() {
        return new ZeroOne();
    }

    /** 1 when the value is a number {@code >= threshold}, else 0. */
    static LabelRule atLeast(double threshold) {
        return new AtLeast(threshold);
    }

    /** Each token to its label; any other token rejects the line. */
    static LabelRule mapping(Map<String, Integer> labels) {
        return new Mapping(new TreeMap<>(labels));
    }

    /** See {@link #zeroOne()}. */
    record ZeroOne() implements LabelRule {
        @Override
        public int label(String t) {
            return t.equals("0") || t.equals("0.0") ? 0 : t.equals("1") || t.equals("1.0") ? 1 : -1;
        }

        @Override
        public String describe() {
            return "0 or 1";
        }
    }

    /** See {@link #atLeast}. */
    record AtLeast(double threshold) implements LabelRule {
        public AtLeast {
            if (!Double.isFinite(threshold)) throw new IllegalArgumentException("a label threshold must be finite, got " + threshold);
        }

        @Override
        public int label(String t) {
            try {
                double v = Double.parseDouble(t.strip());
                return Double.isNaN(v) ? -1 : v >= threshold ? 1 : 0;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public String describe() {
            return "a number, 1 when >= " + threshold;
        }
    }

    /** See {@link #mapping}. */
    record Mapping(SortedMap<String, Integer> labels) implements LabelRule {
        public Mapping {
            labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
            if (labels.isEmpty()) throw new IllegalArgumentException("a label mapping needs at least one token");
            labels.forEach((k, v) -> {
                if (v == null || (v != 0 && v != 1)) throw new IllegalArgumentException("label mapping: '" + k + "' maps to " + v + ", not 0 or 1");
            });
        }

        @Override
        public int label(String t) {
            Integer v = labels.get(t);
            return v == null ? -1 : v;
        }

        @Override
        public String describe() {
            return "one of " + labels.keySet();
        }
    }
}
