package io.contiv.exporter.support;

import io.contiv.exporter.etcd.KeyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A {@link KeyReader} over keys held in memory (absolute key to value), each at index 1, for feeding a watched
 * directory without etcd. Counts what it was asked.
 */
public final class MapKeyReader implements KeyReader {

    private final String directory;
    private final Map<String, String> values;
    private final List<String> asked = new ArrayList<>();

    public MapKeyReader(String directory, Map<String, String> values) {
        this.directory = directory;
        this.values = new TreeMap<>(values);
    }

    public List<String> asked() {
        return asked;
    }

    @Override
    public Read get(String name) {
        asked.add("get " + name);
        String value = values.get(directory + "/" + name);
        return new Read(name, Optional.ofNullable(value), value == null ? 0 : 1, 1);
    }

    @Override
    public List<Read> getAll(List<String> names) {
        return names.stream().map(this::get).toList();
    }

    @Override
    public java.util.concurrent.CompletableFuture<Read> getAsync(String name) {
        return java.util.concurrent.CompletableFuture.completedFuture(get(name));
    }

    @Override
    public Listing list(String listed, Predicate<String> wanted) {
        asked.add("list " + listed);
        List<Listed> children = new ArrayList<>();
        String prefix = listed + "/";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
                String name = key.substring(prefix.length());
                children.add(new Listed(name, wanted.test(name) ? value : null, 1));
            }
        });
        return new Listing(children, 1);
    }
}
