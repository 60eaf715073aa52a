package io.contiv.exporter.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Object names as in the reference payloads. Policy and profile names concatenate indices
 * ({@code pol0011}, {@code prof10}); each index is zero-padded to the width of its largest value so
 * that the names stay unique in clusters with ten or more of something.
 */
final class Names {

    private final int tenantWidth;
    private final int networkWidth;
    private final int groupWidth;
    private final int policyWidth;
    private final int policiesPerGroup;

    Names(ClusterSpec spec) {
        this.tenantWidth = digits(spec.tenants() - 1);
        this.networkWidth = digits(spec.networksPerTenant() - 1);
        this.groupWidth = digits(spec.groupsPerNetwork() - 1);
        this.policyWidth = digits(spec.policiesPerGroup() - 1);
        this.policiesPerGroup = spec.policiesPerGroup();
    }

    String tenant(int t) {
        return t == 0 ? "default" : "tenant" + t;
    }

    String network(int t, int n) {
        return "net" + t + "-" + n;
    }

    String group(int t, int n, int g) {
        return "epg" + t + "-" + n + "-" + g;
    }

    String netProfile(int t, int n) {
        return "prof" + pad(t, tenantWidth) + pad(n, networkWidth);
    }

    /** Group {@code g} has {@code 1 + g % policiesPerGroup} policies (1 and 2 in the reference). */
    List<String> policies(int t, int n, int g) {
        if (policiesPerGroup == 0) {
            return List.of();
        }
        int count = 1 + g % policiesPerGroup;
        List<String> names = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            names.add("pol" + pad(t, tenantWidth) + pad(n, networkWidth) + pad(g, groupWidth) + pad(p, policyWidth));
        }
        return names;
    }

    private static int digits(int largest) {
        return Math.max(1, Integer.toString(Math.max(0, largest)).length());
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
