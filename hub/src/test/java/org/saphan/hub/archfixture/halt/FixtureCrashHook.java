package org.saphan.hub.archfixture.halt;

/** Violates the no-process-kill rule: a test hook that halts the JVM, and an exit outside main. */
public class FixtureCrashHook {

  void crashAfterAcks(int acks) {
    if (acks > 8) {
      Runtime.getRuntime().halt(137);
    }
  }

  void giveUp() {
    System.exit(1);
  }

  /** A command line's own exit is allowed. */
  public static void main(String[] args) {
    System.exit(args.length);
  }
}
