package dev.lectern.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.lectern.infra.config.InfraConfig.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log format and level once the configuration is known. */
final class LogSetup {
    private LogSetup() {}

    static void apply(LogConfig log) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (log.json()) {
            try {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                configurator.doConfigure(LogSetup.class.getResource("/logback-json.xml"));
            } catch (JoranException e) {
                throw new IllegalStateException("logback-json.xml is broken", e);
            }
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(log.level(), Level.INFO));
    }
}
