package io.contiv.exporter.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads the web configuration file strictly: unknown or repeated keys and values of the wrong type are errors. */
public final class WebConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WebConfigLoader() {
    }

    /** The file, checked and resolved: TLS material loaded, hashes and headers validated. */
    public static WebSettings load(Path file) throws WebConfigException {
        return WebSettings.from(read(file), file);
    }

    /** The file as written; an empty file is an empty configuration (plain HTTP, no authentication). */
    public static WebConfig read(Path file) throws WebConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WebConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        return parse(bytes, file.toString());
    }

    static WebConfig parse(byte[] bytes, String name) throws WebConfigException {
        try {
            try (JsonParser parser = YAML.createParser(bytes)) {
                if (parser.nextToken() == null) { // empty, or only comments
                    return new WebConfig(null, null, null, null);
                }
                WebConfig config = YAML.readValue(parser, WebConfig.class);
                if (parser.nextToken() != null) {
                    throw new WebConfigException(name + where(parser) + ": more than one YAML document");
                }
                return config != null ? config : new WebConfig(null, null, null, null);
            }
        } catch (UnrecognizedPropertyException e) {
            throw new WebConfigException(name + lineOfKey(bytes, e.getPropertyName()) + ": unknown key '" + path(e)
                    + "'; known keys here: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException)) {
                throw new WebConfigException(name + where(cause) + ": not valid YAML: "
                        + firstLine(cause.getOriginalMessage()), e);
            }
            String path = path(e);
            throw new WebConfigException(name + where(e) + ": " + (path.isEmpty() ? "" : "'" + path + "': ")
                    + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new WebConfigException(name + where(e) + ": not valid YAML: " + firstLine(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new WebConfigException(name + ": cannot read it (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Records are read through a buffer, so Jackson knows no line for an unknown key; the first line that starts
     * with that key is a good guess.
     */
    private static String lineOfKey(byte[] bytes, String key) {
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("- ")) {
                line = line.substring(2).strip();
            }
            if (line.startsWith(key + ":") || line.startsWith("\"" + key + "\":") || line.startsWith("'" + key + "':")
                    || line.startsWith("{" + key + ":")) {
                return ":" + (i + 1);
            }
        }
        return "";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonParser parser) {
        JsonLocation location = parser.currentLocation();
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

    /** The line of the token at fault: the parser's current token (the value of an unknown key, say), or else
     *  where the exception says. */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation()
                : e.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
