package io.contiv.exporter;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Log lines that say which exporter wrote them, in a process that runs more than one (the demo runs a netplugin
 * and a netmaster exporter side by side). An exporter is built and started inside {@link #as}; its name is then
 * inherited by every thread created from there on (its schedulers, its HTTP server, its OVSDB reader, its etcd
 * watches) and put in front of each message of the loggers made by {@link #logger}, so no name has to be passed
 * through every constructor. A process with one exporter names none, and its lines stay as they are.
 */
public final class ExporterLogs {

    private static final InheritableThreadLocal<String> EXPORTER = new InheritableThreadLocal<>();

    private ExporterLogs() {
    }

    /** The logger of {@code type}, its messages prefixed with the exporter the calling thread works for. */
    public static Logger logger(Class<?> type) {
        return new NamingLogger(LoggerFactory.getLogger(type));
    }

    /** Runs {@code work} (which builds and starts an exporter) with its threads' log lines named {@code exporter}. */
    public static <T> T as(String exporter, Supplier<T> work) {
        String previous = EXPORTER.get();
        EXPORTER.set(exporter);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EXPORTER.remove();
            } else {
                EXPORTER.set(previous);
            }
        }
    }

    private static final class NamingLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient Logger target;

        NamingLogger(Logger target) {
            this.target = target;
            this.name = target.getName();
        }

        @Override
        public boolean isTraceEnabled() {
            return target.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return target.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return target.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return target.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return target.isErrorEnabled();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, org.slf4j.Marker marker, String pattern,
                                                   Object[] arguments, Throwable throwable) {
            String exporter = EXPORTER.get();
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            String line = exporter == null ? message : exporter + ": " + message;
            switch (level) {
                case ERROR -> target.error(line, throwable);
                case WARN -> target.warn(line, throwable);
                case INFO -> target.info(line, throwable);
                case DEBUG -> target.debug(line, throwable);
                default -> target.trace(line, throwable);
            }
        }
    }
}
