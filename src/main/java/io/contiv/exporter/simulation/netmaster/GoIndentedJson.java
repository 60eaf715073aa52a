package io.contiv.exporter.simulation.netmaster;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;

/**
 * JSON generators that lay out like Go's {@code json.MarshalIndent(v, "", "  ")}, which is the layout
 * of the reference payloads ({@code "key": value}, two-space indent, {@code {}} and {@code []} when
 * empty), so that rendered payloads can be compared with them as text.
 */
final class GoIndentedJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
    private static final Separators GO_SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");

    private GoIndentedJson() {
    }

    /** A generator that leaves {@code out} open when closed. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // a new printer per generator: DefaultPrettyPrinter keeps the nesting depth
        generator.setPrettyPrinter(new DefaultPrettyPrinter(GO_SEPARATORS)
                .withObjectIndenter(TWO_SPACES)
                .withArrayIndenter(TWO_SPACES));
        return generator;
    }
}
