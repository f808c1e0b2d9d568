package io.groupkit.testkit.logs;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Every SLF4J log line of a test run, at every level, with the messages of attached exceptions:
 * for tests that prove no secret or phone number reaches the logs. Register it only in a test
 * class path, with a file {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} in the test
 * resources naming {@code io.groupkit.testkit.logs.CapturedLogs$Provider}.
 */
public final class CapturedLogs {
    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

    private CapturedLogs() {
    }

    /**
     * The lines so far: level, logger name, message.
     *
     * @return a copy
     */
    public static List<String> lines() {
        return List.copyOf(LINES);
    }

    /** The SLF4J provider that captures; named in META-INF/services of a test class path. */
    public static final class Provider implements SLF4JServiceProvider {
        private final ILoggerFactory factory = CapturingLogger::new;
        private final IMarkerFactory markers = new BasicMarkerFactory();
        private final MDCAdapter mdc = new NOPMDCAdapter();

        /** For the service loader. */
        public Provider() {
        }

        @Override
        public ILoggerFactory getLoggerFactory() {
            return factory;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
        }
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        // Every level of GroupKit's own loggers; other libraries (test servers) from INFO up, so
        // their debug output neither floods the capture nor slows the run.
        private boolean verbose() {
            return name.startsWith("io.groupkit");
        }

        @Override
        public boolean isTraceEnabled() {
            return verbose();
        }

        @Override
        public boolean isDebugEnabled() {
            return verbose();
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected @Nullable String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable throwable) {
            if (!verbose() && (level == Level.DEBUG || level == Level.TRACE)) {
                return;
            }
            StringBuilder line = new StringBuilder(level + " " + name + " "
                    + MessageFormatter.basicArrayFormat(pattern, args));
            for (Throwable t = throwable; t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            LINES.add(line.toString());
        }
    }

}
