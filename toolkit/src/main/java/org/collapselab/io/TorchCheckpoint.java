package org.collapselab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;

/**
 * PyTorch's {@code torch.save} files in the zip format (PyTorch 1.6 and later): {@code ARCHIVE/data.pkl} is a pickle whose
 * tensors name their storages by persistent id, {@code ARCHIVE/data/KEY} holds each storage's raw little-endian bytes.
 * The pickle is read with Razorvine's unpickler; only the few PyTorch functions a saved {@code state_dict} calls are
 * given meaning (tensor and parameter rebuilds, storage types, {@code OrderedDict}); nothing in the file is executed.
 * Tensors are found in the top-level dict and in dicts nested in it (a checkpoint holding a {@code state_dict}), keyed
 * by their dotted path.
 */
final class TorchCheckpoint {
    private TorchCheckpoint() {}

    /** PyTorch's storage classes, by the element type they hold. */
    private static final Map<String, String> STORAGES = Map.ofEntries(Map.entry("HalfStorage", "float16"), Map.entry("BFloat16Storage", "bfloat16"),
            Map.entry("FloatStorage", "float32"), Map.entry("DoubleStorage", "float64"), Map.entry("LongStorage", "int64"),
            Map.entry("IntStorage", "int32"), Map.entry("ShortStorage", "int16"), Map.entry("CharStorage", "int8"), Map.entry("ByteStorage", "uint8"),
            Map.entry("BoolStorage", "bool"), Map.entry("ComplexFloatStorage", "complex64"), Map.entry("ComplexDoubleStorage", "complex128"));

    /** A storage class seen in the pickle: the element type it holds. */
    private record StorageType(String dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("a storage class is not called in a state_dict");
        }
    }

    /** A storage named by a tensor: its key in {@code data/} and its element type. */
    private record StorageRef(String key, String dtype) {}

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}: a view of a storage. */
    record View(StorageRef storage, long offset, long[] shape, long[] strides) {}

    /** {@code collections.OrderedDict}, keeping the key order (state_dict order); its {@code _metadata} is dropped. */
    private static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    static {
        for (Map.Entry<String, String> e : STORAGES.entrySet()) Unpickler.registerConstructor("torch", e.getKey(), new StorageType(e.getValue()));
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
        IObjectConstructor rebuild = args -> {
            if (args.length < 4 || !(args[0] instanceof StorageRef s)) throw new PickleException("unexpected arguments to torch._utils._rebuild_tensor_v2");
            return new View(s, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
        };
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", rebuild);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter_with_state", args -> args[0]);
        // PyTorch 2 wraps a tensor of a subclass: _rebuild_from_type_v2(func, type, args, state)
        Unpickler.registerConstructor("torch._tensor", "_rebuild_from_type_v2", args -> ((IObjectConstructor) args[0]).construct((Object[]) args[2]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] v = new long[t.length];
        for (int i = 0; i < t.length; i++) v[i] = ((Number) t[i]).longValue();
        return v;
    }

    /** Whether a zip archive's entries look like a torch.save file (one {@code data.pkl} under the archive's folder). */
    static boolean isTorchZip(ZipFile zip) {
        return zip.stream().anyMatch(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl"));
    }

    /** The tensors of a torch.save zip, in the order the pickle holds them. */
    static List<TensorFile.Entry> read(Path file, ZipFile zip) {
        String src = file.toString();
        ZipEntry pkl = zip.stream().filter(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl")).findFirst().orElseThrow();
        String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
        if (zip.getEntry(prefix + "constants.pkl") != null)
            throw new IllegalArgumentException(src + ": a TorchScript archive (torch.jit.save), not a torch.save file: save the weights with "
                    + "torch.save(model.state_dict(), path)");
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order != null && !new String(TensorFile.bytes(zip, order, src), java.nio.charset.StandardCharsets.US_ASCII).strip().equals("little"))
            throw new IllegalArgumentException(src + ": the tensors are stored big-endian; re-save them on a little-endian machine");
        Object root;
        Unpickler u = new Unpickler() {
            // a dict's items in the order they were pickled (the unpickler's own SETITEMS collects them in a HashMap first);
            // BUILD drops an OrderedDict's state (a state_dict's per-module version numbers) and gives a pickled object its
            // state as the unpickler's own dicts would (the unpickler finds __setstate__ by the state's exact class)
            @Override
            protected Object dispatch(short key) throws PickleException, IOException {
                if (key == Opcodes.BUILD) {
                    Object state = stack.pop(), target = stack.peek();
                    if (target instanceof OrderedDict) return NO_RETURN_VALUE;
                    if (target instanceof ClassDict c && state instanceof Map<?, ?> m) {
                        HashMap<String, Object> copy = new HashMap<>();
                        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                        c.__setstate__(copy);
                        return NO_RETURN_VALUE;
                    }
                    stack.add(state);
                    return super.dispatch(key);
                }
                if (key == Opcodes.EMPTY_DICT) {
                    stack.add(new LinkedHashMap<>());
                    return NO_RETURN_VALUE;
                }
                if (key == Opcodes.SETITEMS) {
                    List<Object> items = stack.pop_all_since_marker();
                    @SuppressWarnings("unchecked") Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                    for (int i = 0; i + 1 < items.size(); i += 2) dict.put(items.get(i), items.get(i + 1));
                    return NO_RETURN_VALUE;
                }
                return super.dispatch(key);
            }

            @Override
            protected Object persistentLoad(Object pid) {
                if (!(pid instanceof Object[] t) || t.length < 3 || !"storage".equals(t[0]))
                    throw new PickleException("unknown persistent id " + java.util.Arrays.deepToString(pid instanceof Object[] a ? a : new Object[]{pid}));
                if (!(t[1] instanceof StorageType type))
                    throw new PickleException("storage " + t[2] + " has a type this reader does not know: " + t[1]);
                return new StorageRef(String.valueOf(t[2]), type.dtype());
            }
        };
        try {
            root = u.loads(TensorFile.bytes(zip, pkl, src));
        } catch (PickleException | IOException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(src + ": " + pkl.getName() + " is not a state_dict this reader understands: " + e.getMessage(), e);
        } finally {
            u.close();
        }
        if (root instanceof ClassDict c)
            throw new IllegalArgumentException(src + ": holds a whole pickled object (" + c.getClassName() + "), not a state_dict; save the weights "
                    + "with torch.save(model.state_dict(), path)");
        if (!(root instanceof Map<?, ?> map))
            throw new IllegalArgumentException(src + ": holds a " + (root == null ? "None" : root.getClass().getSimpleName())
                    + ", not a state_dict (a dict of tensors) or a dict holding one");
        Map<String, View> views = new LinkedHashMap<>();
        collect(map, "", views);
        List<TensorFile.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, View> e : views.entrySet()) {
            View v = e.getValue();
            String what = src + ": tensor '" + e.getKey() + "'";
            TensorInfo info = new TensorInfo(e.getKey(), v.storage().dtype(), v.shape());
            // the storage is read when the tensor is asked for: a checkpoint's other tensors (optimizer moments) stay on disk
            entries.add(new TensorFile.Entry(info, () -> StridedTable.read(ElementType.named(v.storage().dtype()),
                    ByteBuffer.wrap(TensorFile.member(file, prefix + "data/" + v.storage().key(), what)).order(ByteOrder.LITTLE_ENDIAN), v.offset(),
                    v.shape(), v.strides(), what,
                    "torch.save " + v.storage().dtype() + (java.util.Arrays.equals(v.strides(), StridedTable.contiguous(v.shape())) ? "" : ", strided view"))));
        }
        return entries;
    }

    /** Every tensor in {@code map} and in the dicts nested in it, by dotted key; other values (numbers, lists) are skipped. */
    private static void collect(Map<?, ?> map, String prefix, Map<String, View> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof View v) out.put(key, v);
            else if (e.getValue() instanceof Map<?, ?> inner && !(inner instanceof ClassDict)) collect(inner, key + ".", out);
        }
    }
}
