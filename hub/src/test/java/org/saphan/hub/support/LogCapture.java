package org.saphan.hub.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Every log line the hub writes during the integration tests, kept in memory so that a test can
 * check that none of them carries personal data.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

  private static final int MAX_LINES = 500_000;
  private static LogCapture instance;

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  /** Attaches the capture to the root logger (once per JVM). */
  public static synchronized LogCapture install() {
    if (instance == null) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      instance = new LogCapture();
      instance.setContext(context);
      instance.setName("saphan-test-capture");
      instance.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(instance);
    }
    return instance;
  }

  /** Re-attaches the capture to the root logger when a logging re-initialisation removed it. */
  public static synchronized void attach() {
    LogCapture capture = install();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(capture.getName()) == null) {
      capture.setContext(context);
      if (!capture.isStarted()) {
        capture.start();
      }
      root.addAppender(capture);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (size.incrementAndGet() > MAX_LINES) {
      return;
    }
    StringBuilder line =
        new StringBuilder(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
    event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    line.append(" level=").append(event.getLevel());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    lines.add(line.toString());
  }

  /** The lines captured so far. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }
}
