package org.collapselab.model;

import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Trainable parameters per component of a built model, e.g. {@code embeddings/set0}, {@code set0/interaction},
 * {@code set0/block0}, {@code head/mlp}, {@code head/out}: counted from the arrays actually built.
 */
public record ParameterSummary(List<Component> components) {

    /** One component and its parameter count; {@code embedding} marks embedding tables. */
    public record Component(String name, long parameters, boolean embedding) {
        public Component {
            Objects.requireNonNull(name, "name");
            if (parameters < 0) throw new IllegalArgumentException("component '" + name + "': negative parameter count " + parameters);
        }
    }

    public ParameterSummary {
        components = List.copyOf(components);
    }

    public long total() {
        return components.stream().mapToLong(Component::parameters).sum();
    }

    /** Parameters in embedding tables. */
    public long embedding() {
        return components.stream().filter(Component::embedding).mapToLong(Component::parameters).sum();
    }

    /** Parameters outside the embedding tables. */
    public long dense() {
        return total() - embedding();
    }

    public long of(String component) {
        return components.stream().filter(c -> c.name().equals(component)).mapToLong(Component::parameters).sum();
    }

    public Table table() {
        StringColumn name = StringColumn.create("component");
        LongColumn count = LongColumn.create("parameters");
        for (Component c : components) {
            name.append(c.name());
            count.append(c.parameters());
        }
        name.append("total");
        count.append(total());
        return Table.create("parameters", name, count);
    }
}
