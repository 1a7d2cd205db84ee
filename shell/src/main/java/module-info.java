/** The Piecewise shell: an interactive JLine front end and a batch mode, over the core's API only. */
module dev.piecewise.shell {
    requires dev.piecewise.core;
    requires org.jline.reader;
    requires org.jline.terminal;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
}
