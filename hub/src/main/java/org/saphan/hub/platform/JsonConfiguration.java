package org.saphan.hub.platform;

import org.saphan.catalog.json.StrictJson;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's {@code ObjectMapper} (Spring MVC's bodies and answers, and Camel's Jackson data format,
 * which uses the one mapper in the registry) reads with {@link StrictJson}'s factory.
 *
 * <p>A customizer rather than an {@code ObjectMapper} bean: Spring Boot's builder keeps what it
 * adds (the {@code ProblemDetail} mix-in that puts {@code code} at the top of every problem, the
 * Java time module) and {@code spring.jackson.*} settings keep applying.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJson() {
    return builder ->
        builder.factory(StrictJson.factory()).featuresToEnable(StrictJson.READ_FEATURE);
  }
}
