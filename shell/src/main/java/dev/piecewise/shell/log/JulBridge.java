package dev.piecewise.shell.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Sends what JDK and JLine classes log through {@code java.util.logging} to slf4j, so it reaches the log file
 * instead of being printed on the console by the JDK's default handler.
 */
final class JulBridge extends Handler {

    private JulBridge() {
    }

    static void install() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(java.util.logging.Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
        Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        int level = record.getLevel().intValue();
        Level mapped = level >= java.util.logging.Level.SEVERE.intValue() ? Level.ERROR
                : level >= java.util.logging.Level.WARNING.intValue() ? Level.WARN
                : level >= java.util.logging.Level.INFO.intValue() ? Level.INFO
                : level >= java.util.logging.Level.FINE.intValue() ? Level.DEBUG : Level.TRACE;
        String message = record.getMessage();
        if (record.getParameters() != null && message != null) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        logger.atLevel(mapped).setCause(record.getThrown()).log(message);
    }

    @Override
    public void flush() {
        // nothing is buffered here
    }

    @Override
    public void close() {
        // nothing to release
    }
}
