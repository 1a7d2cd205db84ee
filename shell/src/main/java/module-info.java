/**
 * The Piecewise shell: an interactive JLine front end and a batch mode, over the core's API only.
 *
 * <p>It configures logback itself ({@link dev.piecewise.shell.log.QuietConfigurator} keeps it silent until the log
 * file is known).
 */
module dev.piecewise.shell {
    requires dev.piecewise.core;
    requires org.jline.reader;
    requires org.jline.terminal;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires java.logging;

    provides ch.qos.logback.classic.spi.Configurator with dev.piecewise.shell.log.QuietConfigurator;
}
