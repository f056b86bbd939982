package org.collapselab.analysis;

import java.util.List;
import java.util.Objects;
import org.collapselab.data.Schema;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Collapse measures per field of a table, beside their values for the Xavier-uniform random table of the same shape:
 * every {@link CollapseMeasure} from each field's spectrum, learned and random, computed with the same
 * {@link SpectrumOptions}.
 *
 * <pre>{@code
 * FieldMeasures m = FieldMeasures.of(FieldIA.of(table, schema), CollapseMeasure.standard(), 0);
 * m.table();                                   // field, rows, ia, ia_random, effective_rank, effective_rank_random, ...
 * FieldMeasures.definitions(m.measures());     // what each column means
 * }</pre>
 *
 * @param learned  the spectra per field of the table
 * @param random   the spectra per field of a random table of the same shape, computed the same way
 * @param measures the measures, in column order
 */
public record FieldMeasures(FieldIA learned, FieldIA random, List<CollapseMeasure> measures) {
    public FieldMeasures {
        Objects.requireNonNull(learned, "learned");
        Objects.requireNonNull(random, "random");
        measures = List.copyOf(measures);
        if (measures.isEmpty()) throw new IllegalArgumentException("no measures");
        if (!learned.fields().equals(random.fields()) || !java.util.Arrays.equals(learned.cardinalities(), random.cardinalities())
                || learned.k() != random.k() || !learned.options().equals(random.options()))
            throw new IllegalArgumentException("the random reference must have the learned table's fields, rows, width and spectrum options");
    }

    /** {@code measures} of {@code learned}, beside a random table of its shape drawn with {@code seed} ({@link FieldIA#randomBaseline}). */
    public static FieldMeasures of(FieldIA learned, List<CollapseMeasure> measures, long seed) {
        Schema schema = Schema.categorical(learned.fields(), learned.cardinalities());
        return new FieldMeasures(learned, FieldIA.randomBaseline(schema, learned.k(), seed, learned.options()), measures);
    }

    /** {@code measure} of field {@code f} (schema order) of the learned table. */
    public double value(int f, CollapseMeasure measure) {
        return measure.of(learned.spectra().get(f));
    }

    /** {@code measure} of field {@code f} of the random table. */
    public double randomValue(int f, CollapseMeasure measure) {
        return measure.of(random.spectra().get(f));
    }

    /** One row per field: field, rows, then each measure and its random value ({@code NAME_random}). */
    public Table table() {
        Table t = Table.create("collapse measures per field (" + learned.options().rows().name().toLowerCase(java.util.Locale.ROOT) + " rows, K = "
                + learned.k() + ")", StringColumn.create("field", learned.fields()), IntColumn.create("rows", learned.cardinalities()));
        for (CollapseMeasure m : measures) {
            DoubleColumn v = DoubleColumn.create(m.name()), r = DoubleColumn.create(m.name() + "_random");
            for (int f = 0; f < learned.size(); f++) {
                v.append(value(f, m));
                r.append(randomValue(f, m));
            }
            t.addColumns(v, r);
        }
        return t;
    }

    /** What each measure is: name, definition, range, what "collapsed" means. */
    public static Table definitions(List<CollapseMeasure> measures) {
        return Table.create("collapse measures", StringColumn.create("measure", measures.stream().map(CollapseMeasure::name).toList()),
                StringColumn.create("definition", measures.stream().map(CollapseMeasure::definition).toList()),
                StringColumn.create("range", measures.stream().map(CollapseMeasure::range).toList()),
                StringColumn.create("collapsed when", measures.stream().map(CollapseMeasure::collapsed).toList()));
    }
}
