package org.collapselab.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code .safetensors}: an 8-byte little-endian header length N, N bytes of JSON naming each tensor's
 * {@code dtype}, {@code shape} and {@code data_offsets} (begin, end) in the data that follows, little-endian and
 * C-ordered. The header is checked against the file before any value is read.
 */
final class SafeTensors {
    private SafeTensors() {}

    private static final Map<String, String> DTYPES = Map.ofEntries(Map.entry("F16", "float16"), Map.entry("BF16", "bfloat16"), Map.entry("F32", "float32"),
            Map.entry("F64", "float64"), Map.entry("I64", "int64"), Map.entry("I32", "int32"), Map.entry("I16", "int16"), Map.entry("I8", "int8"),
            Map.entry("U8", "uint8"), Map.entry("BOOL", "bool"));

    /** Whether a file of {@code size} bytes that starts with {@code head} is a safetensors file: a header length that fits it, then '{'. */
    static boolean looksLike(byte[] head, long size) {
        if (head.length < 9) return false;
        long n = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return n >= 2 && n <= size - 8 && head[8] == '{';
    }

    static List<TensorFile.Entry> read(byte[] b, String src) {
        long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonObject header;
        try {
            JsonElement e = JsonParser.parseString(new String(b, 8, (int) n, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) throw new JsonParseException("the header is not a JSON object");
            header = e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(src + ": the .safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        ByteBuffer data = ByteBuffer.wrap(b, 8 + (int) n, b.length - 8 - (int) n).slice().order(ByteOrder.LITTLE_ENDIAN);
        List<TensorFile.Entry> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) continue;
            String what = src + ": tensor '" + e.getKey() + "'";
            long[] shape, offsets;
            String dtype;
            try {
                JsonObject t = e.getValue().getAsJsonObject();
                String raw = t.get("dtype").getAsString();
                dtype = DTYPES.getOrDefault(raw, raw);
                shape = longs(t.get("shape").getAsJsonArray());
                offsets = longs(t.get("data_offsets").getAsJsonArray());
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException(what + ": the header entry needs dtype, shape and data_offsets: " + e.getValue(), bad);
            }
            ElementType type = ElementType.named(dtype);
            long count = 1;
            for (long d : shape) count *= d;
            if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > data.capacity())
                throw new IllegalArgumentException(what + ": data_offsets " + java.util.Arrays.toString(offsets) + " lie outside the "
                        + data.capacity() + " data bytes (a truncated file?)");
            if (type != null && offsets[1] - offsets[0] != count * type.bytes)
                throw new IllegalArgumentException(what + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + count * type.bytes
                        + " bytes, its data_offsets span " + (offsets[1] - offsets[0]));
            TensorInfo info = new TensorInfo(e.getKey(), dtype, shape);
            long[] s = shape;
            out.add(new TensorFile.Entry(info, () -> StridedTable.read(type, data.slice((int) offsets[0], (int) (offsets[1] - offsets[0]))
                    .order(ByteOrder.LITTLE_ENDIAN), 0, s, StridedTable.contiguous(s), what, ".safetensors " + dtype)));
        }
        return out;
    }

    private static long[] longs(com.google.gson.JsonArray a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsLong();
        return v;
    }
}
