package io.contiv.exporter.simulation.etcd;

import java.util.ArrayList;
import java.util.List;

/** etcd key paths: {@code /a/b/c}, without empty segments or a final slash; {@code /} is the root. */
final class EtcdKeys {

    private EtcdKeys() {
    }

    static String canonical(String key) {
        StringBuilder canonical = new StringBuilder();
        for (String segment : key.split("/")) {
            if (!segment.isEmpty()) {
                canonical.append('/').append(segment);
            }
        }
        return canonical.length() == 0 ? "/" : canonical.toString();
    }

    static boolean isRoot(String canonicalKey) {
        return "/".equals(canonicalKey);
    }

    /** The directories above a key, outermost first, the root excluded. */
    static List<String> ancestors(String canonicalKey) {
        List<String> ancestors = new ArrayList<>();
        int slash = canonicalKey.indexOf('/', 1);
        while (slash > 0) {
            ancestors.add(canonicalKey.substring(0, slash));
            slash = canonicalKey.indexOf('/', slash + 1);
        }
        return ancestors;
    }

    static String parent(String canonicalKey) {
        int slash = canonicalKey.lastIndexOf('/');
        return slash <= 0 ? "" : canonicalKey.substring(0, slash);
    }

    static String name(String canonicalKey) {
        return canonicalKey.substring(canonicalKey.lastIndexOf('/') + 1);
    }
}
