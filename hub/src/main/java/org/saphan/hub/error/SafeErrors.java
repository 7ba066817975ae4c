package org.saphan.hub.error;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Describes a failure for a log line without any of its messages: database and parser messages
 * quote the data they choked on (PostgreSQL's {@code Where: JSON data, line 1: ...}, Jackson's
 * source excerpts, a key's value in a unique violation), which may be a citizen's personal data.
 * What is kept identifies the failure for operators: the exception classes of the cause chain, the
 * SQLState and the constraint name.
 */
public final class SafeErrors {

  /** Constraint names are identifiers: anything else is not printed. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.]{1,128}");

  private SafeErrors() {}

  /**
   * The exception classes of the cause chain, outermost first, each SQL failure with its SQLState
   * and constraint: {@code DataIntegrityViolationException <- PSQLException[sqlState=23505,
   * constraint=consents_pkey]}.
   */
  public static String describe(Throwable failure) {
    if (failure == null) {
      return "no exception recorded";
    }
    List<String> parts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable root = failure;
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      parts.add(t.getClass().getSimpleName() + sqlDetails(t));
      root = t;
    }
    return String.join(" <- ", parts) + origin(root);
  }

  /** Where the hub's own code met the failure: the root cause's first frame in org.saphan. */
  private static String origin(Throwable root) {
    for (StackTraceElement frame : root.getStackTrace()) {
      if (frame.getClassName().startsWith("org.saphan.")) {
        return " at " + frame;
      }
    }
    return "";
  }

  private static String sqlDetails(Throwable t) {
    if (!(t instanceof SQLException sql)) {
      return "";
    }
    StringBuilder details = new StringBuilder("[sqlState=").append(sql.getSQLState());
    if (sql instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null
          && server.getConstraint() != null
          && IDENTIFIER.matcher(server.getConstraint()).matches()) {
        details.append(", constraint=").append(server.getConstraint());
      }
    }
    return details.append(']').toString();
  }
}
