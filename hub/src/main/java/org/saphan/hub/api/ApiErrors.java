package org.saphan.hub.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.saphan.hub.error.ErrorCode;

/**
 * The refusals a handler can answer with, beyond those every operation of its kind shares (the
 * edge's, the body's and the security scheme's, which the API description adds by rule). On a
 * controller it applies to each of its handlers; on a method it adds to the controller's. Handlers
 * that share a list may carry an annotation of their own meta-annotated with it (e.g. the back
 * office's {@code @TaskDecisionErrors}); a method's direct {@code @ApiErrors} replaces such a list.
 *
 * <p>The API description turns each code into a {@code application/problem+json} response under its
 * HTTP status with an example, and the integration suite fails when a test sees a code the handler
 * does not declare: declare what the handler and the services it calls can refuse with.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface ApiErrors {

  /** The codes, in any order; their statuses come from {@link ErrorCode#httpStatus()}. */
  ErrorCode[] value();
}
