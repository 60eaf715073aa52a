package io.contiv.exporter.etcd;

import io.contiv.exporter.ExporterLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Parses every value of a watched etcd directory, skipping those that are not what the directory should hold and
 * saying so once per change in their number, not on every watch event.
 */
public final class DirectoryValues<T> {

    private static final Logger LOG = ExporterLogs.logger(DirectoryValues.class);

    private final Function<String, Optional<T>> parser;
    private final String directory;
    private final String what;
    private int unreadable;

    /** @param what what the values should be, for the log line ("endpoint state", "policy rules") */
    public DirectoryValues(Function<String, Optional<T>> parser, String directory, String what) {
        this.parser = parser;
        this.directory = directory;
        this.what = what;
    }

    public synchronized List<T> parse(EtcdDirectoryWatch.Contents contents) {
        List<T> parsed = new ArrayList<>(contents.values().size());
        int bad = 0;
        for (String value : contents.values().values()) {
            Optional<T> item = parser.apply(value);
            if (item.isPresent()) {
                parsed.add(item.get());
            } else {
                bad++;
            }
        }
        if (bad > 0 && bad != unreadable) {
            LOG.warn("{} values under {} are not {} and were skipped", bad, directory, what);
        }
        unreadable = bad;
        return parsed;
    }
}
