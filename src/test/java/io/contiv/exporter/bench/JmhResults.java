package io.contiv.exporter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The rows of a JMH JSON result file ({@code -rf json}), with the allocation per operation when -prof gc ran. */
final class JmhResults {

    record Row(String benchmark, String parameters, double score, double error, String unit,
               OptionalDouble allocatedBytesPerOp) {
    }

    private JmhResults() {
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
            String name = result.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            List<String> parameters = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> params = result.path("params").fields();
            while (params.hasNext()) {
                Map.Entry<String, JsonNode> param = params.next();
                parameters.add(param.getKey() + "=" + param.getValue().asText());
            }
            JsonNode primary = result.path("primaryMetric");
            rows.add(new Row(name, String.join(", ", parameters), primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(), primary.path("scoreUnit").asText(),
                    allocation(result.path("secondaryMetrics"))));
        }
        return rows;
    }

    private static OptionalDouble allocation(JsonNode secondary) {
        Iterator<Map.Entry<String, JsonNode>> metrics = secondary.fields();
        while (metrics.hasNext()) {
            Map.Entry<String, JsonNode> metric = metrics.next();
            if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                return OptionalDouble.of(metric.getValue().path("score").asDouble());
            }
        }
        return OptionalDouble.empty();
    }
}
