package org.saphan.hub.security.keys;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;

/**
 * {@code ./saphan keys init|rotate|retire|list}: manages the key directory ({@link
 * Pkcs12DirectoryKeyRing}). The keystore password comes from {@value #PASSWORD_ENV}, never from an
 * argument (arguments end up in shell history and {@code ps}).
 *
 * <p>Exit codes: 0 done, 1 refused or failed, 2 usage error or no password.
 */
public final class KeysCommand {

  /** The environment variable holding the keystore password. */
  public static final String PASSWORD_ENV = "SAPHAN_KEYSTORE_PASSWORD";

  /** Default validity of hub and party certificates. */
  public static final int DEFAULT_KEY_DAYS = 825;

  /** Validity of the sandbox root CA. */
  public static final int CA_DAYS = 3650;

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      Usage: saphan keys <command> [--dir <keys-dir>]
        init [--days N]        create the sandbox CA, the hub's EC P-256 and RSA-3072 keys and
                               the sandbox parties' keys (agency-rest, agency-soap, gdx, epayment,
                               tsa)
        parties [--days N]     issue the sandbox parties' keys the directory lacks (one made
                               before a party was added), by its CA
        rotate [ec|rsa] [--days N]
                               add a new hub key (both families when none is named); the old
                               key turns verify-only
        retire <kid>           stop accepting a verify-only key and delete its private part
        list                   show kid, algorithm, not-after and status of every hub key
      The keystore password is read from %s. --dir defaults to <saphan.home>/keys.
      """
          .formatted(PASSWORD_ENV);

  private final Map<String, String> env;
  private final Clock clock;
  private final Path defaultDir;

  /**
   * @param env the process environment (for the password)
   * @param clock the clock keys are dated by
   * @param defaultDir the key directory when {@code --dir} is not given
   */
  public KeysCommand(Map<String, String> env, Clock clock, Path defaultDir) {
    this.env = Objects.requireNonNull(env, "env");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultDir = Objects.requireNonNull(defaultDir, "defaultDir");
  }

  /** Entry point of the launcher; {@code saphan.home} is set by {@code ./saphan}. */
  public static void main(String[] args) {
    Path home = Path.of(System.getProperty("saphan.home", "."));
    int code =
        new KeysCommand(System.getenv(), Clock.systemUTC(), home.resolve("keys"))
            .run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs one command; never calls {@code System.exit}. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    Path dir = defaultDir;
    int days = DEFAULT_KEY_DAYS;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        // A kid may start with '-' (base64url), so only known options are taken as options.
        if (arg.equals("-h") || arg.equals("--help")) {
          out.print(USAGE_TEXT);
          return OK;
        } else if (arg.equals("--dir") && i + 1 < args.length) {
          dir = Path.of(args[++i]);
        } else if (arg.startsWith("--dir=")) {
          dir = Path.of(arg.substring("--dir=".length()));
        } else if (arg.equals("--days") && i + 1 < args.length) {
          days = Integer.parseInt(args[++i]);
        } else if (arg.startsWith("--days=")) {
          days = Integer.parseInt(arg.substring("--days=".length()));
        } else if (arg.startsWith("--")) {
          return usage(err, "unknown option " + arg);
        } else {
          positional.add(arg);
        }
      }
    } catch (NumberFormatException e) {
      return usage(err, "--days needs a whole number");
    }
    if (positional.isEmpty()) {
      return usage(err, "no command given");
    }
    if (days < 1) {
      return usage(err, "--days must be at least 1");
    }
    String command = positional.get(0);
    List<String> rest = positional.subList(1, positional.size());
    Path keysDir = dir;
    Duration keyValidity = Duration.ofDays(days);
    return switch (command) {
      case "init" ->
          rest.isEmpty()
              ? withPassword(err, p -> init(keysDir, p, keyValidity, out))
              : usage(err, "init takes no arguments");
      case "parties" ->
          rest.isEmpty()
              ? withPassword(err, p -> parties(keysDir, p, keyValidity, out))
              : usage(err, "parties takes no arguments");
      case "rotate" -> rotate(keysDir, rest, keyValidity, out, err);
      case "retire" ->
          rest.size() == 1
              ? withPassword(err, p -> retire(keysDir, p, rest.get(0), keyValidity, out))
              : usage(err, "retire needs exactly one kid");
      case "list" ->
          rest.isEmpty() ? list(keysDir, out, err) : usage(err, "list takes no arguments");
      default -> usage(err, "unknown command " + command);
    };
  }

  private int init(Path dir, char[] password, Duration keyValidity, PrintStream out) {
    Pkcs12DirectoryKeyRing ring =
        Pkcs12DirectoryKeyRing.init(dir, password, clock, Duration.ofDays(CA_DAYS), keyValidity);
    try {
      out.println("Initialised key directory " + dir.toAbsolutePath().normalize());
      out.println(
          "  sandbox CA  "
              + ring.caCertificate().getSubjectX500Principal().getName()
              + "  (public/"
              + Pkcs12DirectoryKeyRing.CA_NAME
              + ".pem)");
      printKeys(ring.list(), out);
      out.println();
      printParties(ring.parties(), out);
      out.println();
      out.println("Private parts are in " + dir.resolve("private") + " (owner-only, git-ignored).");
      return OK;
    } finally {
      ring.close();
    }
  }

  private int rotate(
      Path dir, List<String> rest, Duration keyValidity, PrintStream out, PrintStream err) {
    List<KeyFamily> families;
    try {
      families =
          rest.isEmpty()
              ? List.of(KeyFamily.EC_P256, KeyFamily.RSA_3072)
              : rest.size() == 1 ? List.of(KeyFamily.parse(rest.get(0))) : null;
    } catch (SaphanException e) {
      return usage(err, e.getMessage());
    }
    if (families == null) {
      return usage(err, "rotate takes at most one family (ec or rsa)");
    }
    return withPassword(
        err,
        password -> {
          Pkcs12DirectoryKeyRing ring =
              Pkcs12DirectoryKeyRing.open(dir, password, clock, keyValidity);
          try {
            for (KeyFamily family : families) {
              KeyDescriptor d = ring.rotate(family);
              out.println("Rotated " + family + ": new active kid " + d.kid());
            }
            printKeys(ring.list(), out);
            return OK;
          } finally {
            ring.close();
          }
        });
  }

  private int parties(Path dir, char[] password, Duration keyValidity, PrintStream out) {
    Pkcs12DirectoryKeyRing ring = Pkcs12DirectoryKeyRing.open(dir, password, clock, keyValidity);
    try {
      List<String> added = ring.addMissingParties();
      out.println(
          added.isEmpty()
              ? "Every sandbox party has its key."
              : "Issued the keys of " + String.join(", ", added) + ".");
      printParties(ring.parties(), out);
      return OK;
    } finally {
      ring.close();
    }
  }

  private int retire(Path dir, char[] password, String kid, Duration keyValidity, PrintStream out) {
    Pkcs12DirectoryKeyRing ring = Pkcs12DirectoryKeyRing.open(dir, password, clock, keyValidity);
    try {
      ring.retire(kid);
      out.println("Retired " + kid + "; its private key file is deleted.");
      printKeys(ring.list(), out);
      return OK;
    } finally {
      ring.close();
    }
  }

  /** Reads only the public index, so it needs no password. */
  private int list(Path dir, PrintStream out, PrintStream err) {
    if (!Pkcs12DirectoryKeyRing.exists(dir)) {
      err.println("No key ring in " + dir + "; run: saphan keys init");
      return FAILED;
    }
    try {
      KeyRingIndex index = KeyRingIndex.read(dir);
      printKeys(index.keys(), out);
      out.println();
      printParties(index.parties(), out);
      return OK;
    } catch (SaphanException e) {
      err.println("saphan keys: " + e.getMessage());
      return FAILED;
    }
  }

  private interface PasswordAction {
    int run(char[] password);
  }

  private int withPassword(PrintStream err, PasswordAction action) {
    String value = env.get(PASSWORD_ENV);
    if (value == null || value.isBlank()) {
      err.println(
          "saphan keys: set "
              + PASSWORD_ENV
              + " to the keystore password (it is never taken from the command line).");
      return USAGE;
    }
    char[] password = value.toCharArray();
    try {
      return action.run(password);
    } catch (SaphanException e) {
      err.println("saphan keys: [" + e.code().code() + "] " + e.getMessage());
      return FAILED;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static void printKeys(List<KeyDescriptor> keys, PrintStream out) {
    out.printf("%-43s  %-9s  %-20s  %s%n", "KID", "ALGORITHM", "NOT-AFTER", "STATUS");
    for (KeyDescriptor k : keys) {
      out.printf(
          "%-43s  %-9s  %-20s  %s%n",
          k.kid(),
          k.family().displayName(),
          k.notAfter().truncatedTo(ChronoUnit.SECONDS),
          k.status());
    }
  }

  private static void printParties(List<PartyDescriptor> parties, PrintStream out) {
    out.printf("%-12s  %-43s  %-9s  %s%n", "PARTY", "KID", "ALGORITHM", "NOT-AFTER");
    for (PartyDescriptor p : parties) {
      out.printf(
          "%-12s  %-43s  %-9s  %s%n",
          p.name(),
          p.kid(),
          p.family().displayName(),
          p.notAfter().truncatedTo(ChronoUnit.SECONDS));
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("saphan keys: " + problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
