package org.saphan.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RouteRetryRecorderTest {

  @Test
  void shouldLogTheRetryWithoutTheExceptionMessageWhenTheFailureQuotesData() throws Exception {
    // given: a parser failure quoting a citizen id
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(RouteRetryRecorder.class);
    logger.addAppender(appender);
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      Exchange exchange = new DefaultExchange(context);
      exchange.setProperty(
          Exchange.EXCEPTION_CAUGHT,
          new IllegalArgumentException("Unexpected token near \"1101799988870\""));
      // when
      new RouteRetryRecorder().process(exchange);
    } finally {
      logger.detachAppender(appender);
    }
    // then
    assertThat(appender.list).hasSize(1);
    ILoggingEvent event = appender.list.get(0);
    assertThat(event.getFormattedMessage())
        .contains("IllegalArgumentException")
        .doesNotContain("1101799988870");
    assertThat(event.getThrowableProxy()).isNull();
  }
}
