package org.collapselab.model;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.io.Sha256;

/**
 * The canonical form of a record: one {@code path=value} entry per leaf, found by reflection over the record's
 * components (recursively into nested records and optionals), so that a component added later is part of it
 * without anyone listing it. Doubles are written exactly ({@link Double#toString}); a component of a type that
 * has no canonical text (an interface, a path) must be excluded explicitly, else it is refused.
 */
public final class Canonical {
    private Canonical() {}

    /** Every leaf of {@code record} under {@code prefix}, except the top-level components named in {@code excluded}. */
    public static SortedMap<String, String> of(String prefix, Record record, Set<String> excluded) {
        RecordComponent[] cs = record.getClass().getRecordComponents();
        for (String x : excluded)
            if (Arrays.stream(cs).noneMatch(c -> c.getName().equals(x)))
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component '" + x + "' to exclude");
        SortedMap<String, String> out = new TreeMap<>();
        for (RecordComponent c : cs) if (!excluded.contains(c.getName())) put(out, prefix + "." + c.getName(), value(record, c));
        return out;
    }

    /** A hex SHA-256 of the entries, one {@code key=value} line each, in key order. */
    public static String digest(SortedMap<String, String> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return Sha256.hex(sb.toString());
    }

    /**
     * The keys where two canonical forms differ, each as {@code key (a → b)}; empty when they are equal. Used to
     * name what differs when a checkpoint or stored run does not match.
     */
    public static java.util.List<String> differences(Map<String, String> a, Map<String, String> b) {
        SortedMap<String, String> keys = new TreeMap<>(a);
        b.forEach(keys::putIfAbsent);
        return keys.keySet().stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k)))
                .map(k -> k + " (" + a.getOrDefault(k, "absent") + " → " + b.getOrDefault(k, "absent") + ")").toList();
    }

    /**
     * Rebuilds a record of {@code type} from the entries {@link #of} wrote under {@code prefix}; the excluded
     * top-level components are taken from {@code template}. {@code read(T, p, of(p, r, x), r)} equals {@code r}.
     */
    public static <R extends Record> R read(Class<R> type, String prefix, Map<String, String> entries, R template, Set<String> excluded) {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++)
            args[i] = excluded.contains(cs[i].getName()) ? value(template, cs[i])
                    : parse(cs[i].getGenericType(), prefix + "." + cs[i].getName(), entries);
        try {
            Class<?>[] types = Arrays.stream(cs).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("cannot rebuild " + type.getSimpleName() + " from its canonical form: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(java.lang.reflect.Type t, String path, Map<String, String> entries) {
        Class<?> c = t instanceof java.lang.reflect.ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) t;
        if (c.isRecord()) return read((Class) c, path, entries, null, Set.of());
        if (c == Optional.class) {
            if ("empty".equals(entries.get(path))) return Optional.empty();
            return Optional.of(parse(((java.lang.reflect.ParameterizedType) t).getActualTypeArguments()[0], path, entries));
        }
        String v = entries.get(path);
        if (v == null) throw new IllegalArgumentException("the canonical form has no entry '" + path + "'");
        if (c == OptionalDouble.class) return v.equals("empty") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(v));
        if (c == OptionalLong.class) return v.equals("empty") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
        if (c == OptionalInt.class) return v.equals("empty") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
        if (c == long[].class) return numbers(v).mapToLong(Long::parseLong).toArray();
        if (c == int[].class) return numbers(v).mapToInt(Integer::parseInt).toArray();
        if (c == double[].class) return numbers(v).mapToDouble(Double::parseDouble).toArray();
        if (c.isEnum()) return Enum.valueOf((Class) c, v);
        if (c == double.class || c == Double.class) return Double.parseDouble(v);
        if (c == float.class || c == Float.class) return Float.parseFloat(v);
        if (c == long.class || c == Long.class) return Long.parseLong(v);
        if (c == int.class || c == Integer.class) return Integer.parseInt(v);
        if (c == boolean.class || c == Boolean.class) return Boolean.parseBoolean(v);
        if (c == String.class) return v;
        throw new IllegalArgumentException("cannot rebuild " + path + " of type " + t.getTypeName());
    }

    private static java.util.stream.Stream<String> numbers(String v) {
        String inner = v.substring(1, v.length() - 1).strip();
        return inner.isEmpty() ? java.util.stream.Stream.empty() : Arrays.stream(inner.split(",\\s*"));
    }

    private static Object value(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static void put(SortedMap<String, String> out, String path, Object v) {
        if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) put(out, path + "." + c.getName(), value(r, c));
        } else if (v instanceof Optional<?> o) {
            if (o.isPresent()) put(out, path, o.get());
            else out.put(path, "empty");
        } else if (v instanceof OptionalDouble o) {
            out.put(path, o.isPresent() ? Double.toString(o.getAsDouble()) : "empty");
        } else if (v instanceof OptionalLong o) {
            out.put(path, o.isPresent() ? Long.toString(o.getAsLong()) : "empty");
        } else if (v instanceof OptionalInt o) {
            out.put(path, o.isPresent() ? Integer.toString(o.getAsInt()) : "empty");
        } else if (v instanceof long[] a) {
            out.put(path, Arrays.toString(a));
        } else if (v instanceof int[] a) {
            out.put(path, Arrays.toString(a));
        } else if (v instanceof double[] a) {
            out.put(path, Arrays.toString(a));
        } else if (v instanceof Enum<?> e) {
            out.put(path, e.name());
        } else if (v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer || v instanceof Boolean
                || v instanceof String || v instanceof Short || v instanceof Byte || v instanceof Character) {
            out.put(path, String.valueOf(v));
        } else if (v instanceof java.util.List<?> l) {
            for (int i = 0; i < l.size(); i++) put(out, path + "[" + i + "]", l.get(i));
            out.put(path + ".size", String.valueOf(l.size()));
        } else {
            throw new IllegalArgumentException("no canonical form for " + path + " of type " + (v == null ? "null" : v.getClass().getName())
                    + ": exclude it explicitly or make it a record");
        }
    }
}
