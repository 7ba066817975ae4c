package org.saphan.sandbox.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Answers every sandbox refusal as problem+json with its code. */
@RestControllerAdvice
public class SandboxExceptionHandler {

  @ExceptionHandler(SandboxException.class)
  ResponseEntity<ProblemDetail> refused(SandboxException e) {
    return Problems.response(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return Problems.response(
        HttpStatus.BAD_REQUEST,
        "parameter_missing",
        "parameter '" + e.getParameterName() + "' is required");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    return Problems.response(
        HttpStatus.BAD_REQUEST, "parameter_invalid", "parameter '" + e.getName() + "' is invalid");
  }
}
