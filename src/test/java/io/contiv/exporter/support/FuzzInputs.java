package io.contiv.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Assertions;

/**
 * Inputs for the property-based fuzz tests (jqwik): arbitrary JSON trees, values in OVSDB's notation, byte- and
 * tree-level mutations of real replies, and a check that a call throws nothing but what it declares, in bounded time.
 */
public final class FuzzInputs {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Far above what any one decoding takes (milliseconds), far below a hang. */
    public static final Duration BOUND = Duration.ofSeconds(5);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", "\\", ",", ":", "null", "true",
            "-0", "1e999", "-1e-999", "18446744073709551616", "\"\\u0000\"", "\"\\ud800\"", "\u0000", "ñ", "服",
            "[\"set\",[]]", "[\"map\",[[\"a\",1]]]", "[\"uuid\",\"x\"]", "{}", "[]", "\"map\"", "\"set\"");
    private static final List<String> KEYS = List.of("_uuid", "name", "external_ids", "statistics", "admin_state",
            "link_state", "mtu", "link_resets", "ofport", "type", "rows", "error", "details", "result", "id",
            "method", "params", "Config", "Oper", "key", "tenantName", "networkName", "endpoints", "endpointID",
            "containerName", "link-sets", "links", "Networks", "EndpointGroups", "ipAddress", "subnet", "netID",
            "epCommonName", "homingHost", "containerId", "macAddress", "", "\"", "ñ");

    private FuzzInputs() {
    }

    // ---- JSON trees

    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.of(KEYS),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().withChars("\"\\\n\r\t{}[]:,ñ服\u0000\ud800").ofMaxLength(8));
    }

    public static Arbitrary<JsonNode> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE).map(NODES::numberNode),
                strings().map(NODES::textNode));
    }

    /** Any JSON tree up to the depth given. */
    public static Arbitrary<JsonNode> json(int depth) {
        if (depth <= 0) {
            return leaves();
        }
        Arbitrary<JsonNode> child = json(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves()),
                net.jqwik.api.Tuple.of(1, child.list().ofMaxSize(4).map(FuzzInputs::array)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(strings(), child).ofMaxSize(5).map(FuzzInputs::object)));
    }

    /** Values as RFC 7047 writes them (atoms, sets, maps, uuids), now and then broken. */
    public static Arbitrary<JsonNode> ovsdbValues() {
        Arbitrary<JsonNode> atoms = Arbitraries.oneOf(leaves(),
                strings().map(s -> array(List.of(NODES.textNode("uuid"), NODES.textNode(s)))));
        Arbitrary<JsonNode> sets = atoms.list().ofMaxSize(3)
                .map(items -> array(List.of(NODES.textNode("set"), array(items))));
        Arbitrary<JsonNode> pairs = Combinators.combine(atoms, atoms).as((k, v) -> array(List.of(k, v)));
        Arbitrary<JsonNode> maps = Arbitraries.oneOf(pairs, json(2)).list().ofMaxSize(4)
                .map(items -> array(List.of(NODES.textNode("map"), array(items))));
        Arbitrary<JsonNode> oddTags = Combinators.combine(Arbitraries.of("set", "map", "uuid", "named-uuid"),
                json(2)).as((tag, rest) -> array(List.of(NODES.textNode(tag), rest)));
        return Arbitraries.oneOf(atoms, sets, maps, oddTags, json(3));
    }

    /** An Interface row: mostly the real columns with values in OVSDB notation, sometimes anything. */
    public static Arbitrary<JsonNode> interfaceRows() {
        Arbitrary<String> columns = Arbitraries.oneOf(Arbitraries.of(KEYS.subList(0, 10)), strings());
        Arbitrary<JsonNode> rows = Arbitraries.maps(columns, ovsdbValues()).ofMaxSize(10).map(FuzzInputs::object);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, rows), net.jqwik.api.Tuple.of(1, json(3)));
    }

    public static ArrayNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }

    public static ObjectNode object(java.util.Map<String, JsonNode> fields) {
        ObjectNode object = NODES.objectNode();
        fields.forEach(object::set);
        return object;
    }

    // ---- tree mutations

    /** One change to a copy of the tree: a value replaced, removed, added, or a container emptied. */
    public record TreeMutation(int target, int kind, JsonNode value, String key) {
    }

    public static Arbitrary<JsonNode> mutatedTrees(JsonNode seed) {
        Arbitrary<TreeMutation> one = Combinators.combine(Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 3), json(2), strings()).as(TreeMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4).map(mutations -> {
            JsonNode tree = seed.deepCopy();
            for (TreeMutation mutation : mutations) {
                tree = apply(tree, mutation);
            }
            return tree;
        });
    }

    private static JsonNode apply(JsonNode tree, TreeMutation mutation) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        if (containers.isEmpty()) {
            return mutation.value();
        }
        JsonNode target = containers.get(mutation.target() % containers.size());
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() ? mutation.key() : names.get(mutation.target() % names.size());
            switch (mutation.kind()) {
                case 0 -> object.set(name, mutation.value());
                case 1 -> object.remove(name);
                case 2 -> object.set(mutation.key(), mutation.value());
                default -> object.removeAll();
            }
        } else if (target instanceof ArrayNode array) {
            int index = array.isEmpty() ? 0 : mutation.target() % array.size();
            switch (mutation.kind()) {
                case 0 -> {
                    if (array.isEmpty()) {
                        array.add(mutation.value());
                    } else {
                        array.set(index, mutation.value());
                    }
                }
                case 1 -> {
                    if (!array.isEmpty()) {
                        array.remove(index);
                    }
                }
                case 2 -> array.insert(index, mutation.value());
                default -> array.removeAll();
            }
        }
        return tree;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    // ---- byte mutations

    /** One change to a byte stream: a byte set, bytes inserted or deleted, a cut, a slice repeated. */
    public record ByteMutation(int kind, double where, double length, byte value, String token) {
    }

    public static Arbitrary<byte[]> mutatedBytes(byte[] seed) {
        Arbitrary<ByteMutation> one = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 0.2),
                Arbitraries.bytes(), Arbitraries.of(TOKENS)).as(ByteMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4).map(mutations -> {
            byte[] bytes = seed;
            for (ByteMutation mutation : mutations) {
                bytes = apply(bytes, mutation);
            }
            return bytes;
        });
    }

    private static byte[] apply(byte[] bytes, ByteMutation mutation) {
        int at = (int) (mutation.where() * bytes.length);
        int length = Math.max(1, (int) (mutation.length() * bytes.length));
        switch (mutation.kind()) {
            case 0: { // set one byte
                if (bytes.length == 0) {
                    return new byte[] {mutation.value()};
                }
                byte[] copy = bytes.clone();
                copy[Math.min(at, copy.length - 1)] = mutation.value();
                return copy;
            }
            case 1: // cut the stream short
                return Arrays.copyOf(bytes, at);
            case 2: // insert a JSON token or odd bytes
                return splice(bytes, at, 0, mutation.token().getBytes(StandardCharsets.UTF_8));
            case 3: // delete a range
                return splice(bytes, at, Math.min(length, bytes.length - at), new byte[0]);
            case 4: { // repeat a slice
                int end = Math.min(bytes.length, at + length);
                return splice(bytes, end, 0, Arrays.copyOfRange(bytes, at, end));
            }
            default: // a byte that is not UTF-8
                return splice(bytes, at, 0, new byte[] {(byte) 0xff, mutation.value()});
        }
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    // ---- running

    public interface Call {
        void run() throws Exception;
    }

    /**
     * Runs the call within {@link #BOUND}; an exception of one of the declared types is a fine outcome, any other
     * exception or error (a runtime exception, a stack overflow, running out of memory) fails the property.
     */
    @SafeVarargs
    public static void throwsOnly(Call call, Class<? extends Exception>... declared) {
        Assertions.assertTimeoutPreemptively(BOUND, () -> {
            try {
                call.run();
            } catch (Exception e) {
                for (Class<? extends Exception> type : declared) {
                    if (type.isInstance(e)) {
                        return;
                    }
                }
                throw new AssertionError("undeclared " + e.getClass().getName() + ": " + e.getMessage(), e);
            }
        });
    }

    public static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out the bytes in pieces of the sizes given, in turn, as a socket does. */
    public static InputStream chunked(byte[] bytes, List<Integer> sizes) {
        return new InputStream() {
            private int position;
            private int turn;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int size = sizes.isEmpty() ? length : Math.max(1, sizes.get(turn++ % sizes.size()));
                int n = Math.min(Math.min(size, length), bytes.length - position);
                System.arraycopy(bytes, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
