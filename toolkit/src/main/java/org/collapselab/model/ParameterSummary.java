package org.collapselab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.collapselab.data.Schema;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /** The parameters of {@code model}: its tables, and its graph's trainable variables grouped by their first two scope names. */
    public static ParameterSummary of(CtrModel model) {
        List<Component> cs = new ArrayList<>();
        ModelSpec spec = model.spec();
        Schema schema = model.schema();
        for (int m = 0; m < spec.sets(); m++)
            cs.add(new Component("embeddings/set" + m, (long) schema.totalRows() * spec.tableWidth(schema.size()), true));
        Map<String, Long> dense = new LinkedHashMap<>();
        Map<String, INDArray> state = model.graph().stateArrays();
        for (SDVariable v : model.graph().sd().variables()) {
            if (v.getVariableType() != VariableType.VARIABLE || !state.containsKey(v.name())) continue;
            String[] parts = v.name().split("/");
            String component = parts.length > 2 ? parts[0] + "/" + parts[1] : parts[0];
            dense.merge(component, v.getArr().length(), Long::sum);
        }
        dense.forEach((name, n) -> cs.add(new Component(name, n, false)));
        return new ParameterSummary(cs);
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
