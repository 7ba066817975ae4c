package org.saphan.catalog.roadmap;

import java.util.List;
import org.saphan.catalog.Finding;

/** The roadmap catalog cannot be read or generated; the message lists every problem. */
public class RoadmapException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Finding> problems;

  public RoadmapException(List<Finding> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the message. */
  public List<Finding> problems() {
    return problems;
  }

  private static String message(List<Finding> problems) {
    StringBuilder text =
        new StringBuilder("The roadmap service catalog is invalid (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    problems.forEach(problem -> text.append(System.lineSeparator()).append(problem));
    return text.toString();
  }
}
