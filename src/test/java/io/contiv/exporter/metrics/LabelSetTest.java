package io.contiv.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Label sets order, compare and write their labels exactly as the client library's {@code Labels} do. */
class LabelSetTest {

    private static final List<LabelNames> SCHEMAS = List.of(
            LabelNames.of(List.of("tenant", "network", "endpoint_group", "container", "host", "interface")),
            LabelNames.of(List.of("tenant", "network", "host", "containerName", "endpointGroup", "interface")),
            LabelNames.of(List.of("tenant", "network", "host", "containerName", "interface")),
            LabelNames.of(List.of("b", "a_b", "a")),
            LabelNames.of(List.of()));

    @Property(tries = 2000)
    void orderAndEqualityAreTheLibrarys(@ForAll("sets") LabelSet a, @ForAll("sets") LabelSet b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(a.labels().compareTo(b.labels())));
        assertThat(a.equals(b)).isEqualTo(a.labels().equals(b.labels()));
        assertThat(a.compareTo(a)).isZero();
    }

    @Property(tries = 500)
    void namesAndValuesAreKeptInTheLibrarysOrder(@ForAll("sets") LabelSet set) {
        var labels = set.labels();
        assertThat(labels.size()).isEqualTo(set.size());
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.name(i)).isEqualTo(labels.getName(i));
            assertThat(set.value(i)).isEqualTo(labels.getValue(i));
        }
    }

    @Provide
    Arbitrary<LabelSet> sets() {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("", "a", "b", "ab", "a\"b", "ñ", "服", "a\nb"),
                Arbitraries.strings().ofMaxLength(4));
        return Combinators.combine(Arbitraries.of(SCHEMAS), values.list().ofSize(6))
                .as((schema, pool) -> schema.values(pool.subList(0, schema.size()).toArray(String[]::new)));
    }
}
