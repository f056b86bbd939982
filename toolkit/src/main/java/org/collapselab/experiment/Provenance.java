package org.collapselab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.collapselab.data.Sha256;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;

/**
 * What a result was computed from: the recipe's name and every input that changes it (model spec, training
 * settings, seed, data identity, recipe parameters) plus the toolkit version. Two results with equal provenance
 * are interchangeable, which is what lets a notebook re-run resume from its cache.
 */
public record Provenance(String recipe, Map<String, String> inputs) {
    /** Bumped when a recipe's computation changes in a way that invalidates earlier results. */
    public static final String TOOLKIT_VERSION = "0.1.0";

    public Provenance {
        Objects.requireNonNull(recipe, "recipe");
        if (recipe.isBlank() || !recipe.matches("[A-Za-z0-9._-]+"))
            throw new IllegalArgumentException("recipe name must be letters, digits, '.', '_' or '-', got '" + recipe + "'");
        Map<String, String> sorted = new TreeMap<>(inputs);
        sorted.put("toolkit", TOOLKIT_VERSION);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    public static Builder of(String recipe) {
        return new Builder(recipe);
    }

    /** A short stable key: the recipe name and 16 hex digits of the SHA-256 of everything. */
    public String key() {
        return recipe + "-" + Sha256.hex(describe()).substring(0, 16);
    }

    /** One {@code name=value} line per input, sorted. */
    public String describe() {
        StringBuilder sb = new StringBuilder("recipe=").append(recipe).append('\n');
        inputs.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** Builder; every method returns it. */
    public static final class Builder {
        private final String recipe;
        private final Map<String, String> inputs = new LinkedHashMap<>();

        private Builder(String recipe) {
            this.recipe = recipe;
        }

        public Builder with(String name, Object value) {
            String v = String.valueOf(value);
            if (v.indexOf('\n') >= 0) throw new IllegalArgumentException("input '" + name + "' must be one line, got '" + v + "'");
            inputs.put(name, v);
            return this;
        }

        /** Every component of the spec ({@link ModelSpec#identity()}). */
        public Builder spec(ModelSpec spec) {
            spec.identity().forEach(this::with);
            return this;
        }

        /** Every setting that can change results ({@link TrainConfig#identity()}: not the progress bar or checkpoint folder). */
        public Builder config(TrainConfig c) {
            c.identity().forEach(this::with);
            return this;
        }

        /** The dataset's content ({@link EncodedDataset#contentDigest()}), not its path. */
        public Builder data(EncodedDataset d) {
            return with("data.content", d.contentDigest());
        }

        public Provenance build() {
            return new Provenance(recipe, inputs);
        }
    }
}
