package io.contiv.exporter.netmaster;

/** A netmaster object reference: {@code {"type": "...", "key": "..."}}. */
public record Link(String type, String key) {
}
