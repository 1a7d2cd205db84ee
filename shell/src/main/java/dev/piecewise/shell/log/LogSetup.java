package dev.piecewise.shell.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Configures logging for a shell run: everything at the chosen level (INFO unless {@code -Dpiecewise.log.level})
 * into a log file that rolls over at 10 MiB, keeping three old ones; warnings and errors also to the user, one line
 * each, through a {@link UserAppender}.
 */
public final class LogSetup {

    /** The system property that sets the log file's level ({@code debug}, {@code trace}...). */
    public static final String LEVEL_PROPERTY = "piecewise.log.level";

    private LogSetup() {
    }

    /**
     * Starts logging.
     *
     * @param logFile where the log goes
     * @param user    where warnings for the user go until the appender is redirected
     * @return the appender that shows warnings to the user
     */
    public static UserAppender start(Path logFile, Consumer<String> user) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY, "info").toUpperCase(Locale.ROOT), Level.INFO));
        root.addAppender(fileAppender(context, logFile));
        var userAppender = new UserAppender(user);
        userAppender.setContext(context);
        userAppender.start();
        root.addAppender(userAppender);
        JulBridge.install();
        return userAppender;
    }

    /** Flushes and closes the log; nothing is logged after this. */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path logFile) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        var appender = new RollingFileAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(logFile.toString());
        appender.setEncoder(encoder);

        var rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logFile + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();

        var trigger = new SizeBasedTriggeringPolicy<ILoggingEvent>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        return appender;
    }
}
