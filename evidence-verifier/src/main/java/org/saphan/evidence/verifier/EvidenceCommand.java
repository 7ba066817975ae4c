package org.saphan.evidence.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./saphan evidence verify|show}: checks the message log offline (docs/evidence.md), from
 * archives or the database, and prints one case readably. Exit 0 verified, 1 something does not
 * verify (each finding named), 2 usage, 3 the certificates or the database cannot be read.
 */
public final class EvidenceCommand {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int UNREADABLE = 3;

  /** The database user and password come from the environment, never from arguments. */
  static final String DB_USER = "SAPHAN_EVIDENCE_DB_USER";

  static final String DB_PASSWORD = "SAPHAN_EVIDENCE_DB_PASSWORD";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public EvidenceCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new EvidenceCommand(System.out, System.err, System.getenv()).run(args));
  }

  /** Parsed options: the archives, the certificate folder, the database URL. */
  private record Options(List<Path> archives, Path certs, String db, List<String> rest) {}

  public int run(String[] args) {
    if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : OK;
    }
    Options options;
    try {
      options = options(List.of(args).subList(1, args.length));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try {
      return switch (args[0]) {
        case "verify" -> verify(options);
        case "show" -> show(options);
        default -> usage("unknown command '" + args[0] + "'");
      };
    } catch (IOException | SQLException e) {
      err.println("saphan evidence: " + e.getMessage());
      return UNREADABLE;
    }
  }

  private int verify(Options o) throws IOException, SQLException {
    if (!o.rest().isEmpty()) {
      return usage("unexpected argument '" + o.rest().get(0) + "'");
    }
    if (o.certs() == null) {
      return usage("verify needs --certs <folder> (the published certificates, e.g. keys/public)");
    }
    if (o.archives().isEmpty() == (o.db() == null)) {
      return usage("verify needs archives or --db <jdbc-url>, not both");
    }
    if (!Files.isDirectory(o.certs())) {
      err.println("saphan evidence: no certificate folder " + o.certs());
      return UNREADABLE;
    }
    Seals seals = new Seals(Certificates.load(o.certs()));
    Findings findings = new Findings();
    if (o.db() != null) {
      try (Connection db = connect(o.db())) {
        new DatabaseVerifier(db, seals, findings).verify();
      }
    } else {
      new ArchiveVerifier(seals, findings).verify(o.archives());
    }
    return report(findings, o.db() != null ? "the database" : o.archives().size() + " archive(s)");
  }

  private int report(Findings findings, String source) {
    findings.all().forEach(out::println);
    String counts =
        findings.manifests
            + " manifests ("
            + findings.stamped
            + " stamped"
            + (findings.firstStamp == null
                ? ""
                : " from " + findings.firstStamp + " to " + findings.lastStamp)
            + "), "
            + findings.records
            + " records"
            + (findings.archives > 0 ? " in " + findings.archives + " archive(s)" : "");
    if (findings.ok()) {
      findings.notes().forEach(n -> out.println("  " + n));
      out.println("OK " + source + " verified: " + counts);
      return OK;
    }
    out.println(
        "FAILED " + source + ": " + findings.all().size() + " finding(s); checked " + counts);
    return FAILED;
  }

  private int show(Options o) throws IOException, SQLException {
    if (o.rest().size() != 1) {
      return usage("show needs exactly one application id");
    }
    if (o.archives().isEmpty() == (o.db() == null)) {
      return usage("show needs archives or --db <jdbc-url>, not both");
    }
    String applicationId = o.rest().get(0);
    List<CaseView.Line> lines;
    if (o.db() != null) {
      try (Connection db = connect(o.db())) {
        db.setReadOnly(true);
        lines = CaseView.fromDatabase(db, applicationId);
      }
    } else {
      for (Path p : o.archives()) {
        if (!Files.isRegularFile(p)) {
          err.println("saphan evidence: no such archive " + p);
          return UNREADABLE;
        }
      }
      lines = CaseView.fromArchives(o.archives(), applicationId);
    }
    new CaseView(out).print(applicationId, lines);
    return OK;
  }

  private Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, env.get(DB_USER), env.get(DB_PASSWORD));
  }

  private static Options options(List<String> args) {
    List<Path> archives = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    Path certs = null;
    String db = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--certs" -> certs = Path.of(value(args, ++i, a));
        case "--db" -> {
          db = value(args, ++i, a);
          if (!db.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db takes a jdbc:postgresql: URL");
          }
          if (db.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException(
                "no password in the URL: set " + DB_USER + " and " + DB_PASSWORD);
          }
        }
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option '" + a + "'");
          }
          if (a.endsWith(".zip")) {
            archives.add(Path.of(a));
          } else {
            rest.add(a);
          }
        }
      }
    }
    return new Options(archives, certs, db, rest);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private int usage(String problem) {
    err.println("saphan evidence: " + problem);
    usage(err);
    return USAGE;
  }

  private static void usage(PrintStream to) {
    to.println(
        """
        Usage: saphan evidence verify <archive.zip ...> --certs <folder>
               saphan evidence verify --db <jdbc:postgresql://...> --certs <folder>
               saphan evidence show <applicationId> (--db <jdbc-url> | <archive.zip ...>)

          verify  checks the message log as docs/evidence.md describes it: the archives' CMS
                  signatures, every TSA token, the chain of manifests, every record at its
                  position (and, with --db, the columns against the sealed records)
          show    one application's records in order: each exchange, where it is sealed, when
                  it was stamped

          --certs  the published certificates (keys/public/): the CA, the hub's and the TSA's
          --db     the hub's PostgreSQL; the user and password come from SAPHAN_EVIDENCE_DB_USER
                   and SAPHAN_EVIDENCE_DB_PASSWORD

        Exit status: 0 verified, 1 something does not verify (each finding names the record,
        manifest or file), 2 usage, 3 the certificates or the database cannot be read.""");
  }
}
