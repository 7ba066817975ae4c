package org.saphan.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM with the hub's migrations applied, for the unit tests that
 * need real SQL without the shared IT context (the message log's and the batch export's fixtures):
 * started on first use, closed when the JVM ends. Each fixture empties its own tables before a
 * test; test classes run one after the other (surefire, one fork).
 */
public final class MigratedDatabase {

  private static DataSource database;

  private MigratedDatabase() {}

  /** The migrated database, started the first time it is asked for. */
  public static synchronized DataSource get() {
    if (database == null) {
      database = start();
    }
    return database;
  }

  private static DataSource start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // the JVM is ending anyway
                    }
                  }));
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return postgres.getPostgresDatabase();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
