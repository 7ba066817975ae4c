package org.saphan.hub.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.keys.KeyStoreKeyRing;
import org.saphan.hub.security.keys.Pkcs12DirectoryKeyRing;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

/** The hub's key ring, key registry, replay store and signing service, wired once. */
@Configuration(proxyBeanMethods = false)
public class SigningConfiguration {

  @Bean
  ReloadingKeyRing hubKeyRing(
      KeysProperties keys, SaphanProperties saphan, Environment environment, Clock clock) {
    String password = environment.getProperty(keys.getPasswordVariable());
    if (!StringUtils.hasText(password)) {
      throw new StartupRefusedException(
          "The keystore password is not set: " + keys.getPasswordVariable() + " is empty",
          "Export "
              + keys.getPasswordVariable()
              + " (./saphan run does this for the sandbox; in production take it from the"
              + " platform's secret store).");
    }
    Duration validity = Duration.ofDays(keys.getKeyValidityDays());
    Map<KeyFamily, String> aliases =
        Map.of(KeyFamily.EC_P256, keys.getEcAlias(), KeyFamily.RSA_3072, keys.getRsaAlias());
    return switch (keys.getStore()) {
      case DIRECTORY -> {
        Path dir = keysDir(keys, saphan);
        if (!Pkcs12DirectoryKeyRing.exists(dir)) {
          throw new StartupRefusedException(
              "No key ring in " + dir,
              "Create the keys with './saphan keys init' (./saphan run does it for the sandbox),"
                  + " or point saphan.keys.dir / SAPHAN_KEYS_DIR at the key directory.");
        }
        char[] secret = password.toCharArray();
        yield new ReloadingKeyRing(
            () -> Pkcs12DirectoryKeyRing.open(dir, secret, clock, validity),
            dir.resolve("keyring.json"));
      }
      case PKCS12 -> {
        Path file = required(keys.getPkcs12File(), "saphan.keys.pkcs12-file");
        yield new ReloadingKeyRing(
            () -> KeyStoreKeyRing.pkcs12(file, password.toCharArray(), aliases), null);
      }
      case PKCS11 -> {
        Path config = required(keys.getPkcs11Config(), "saphan.keys.pkcs11-config");
        yield new ReloadingKeyRing(
            () -> KeyStoreKeyRing.pkcs11(config, password.toCharArray(), aliases), null);
      }
    };
  }

  @Bean
  KeyRegistry keyRegistry(
      JdbcClient jdbc, NodeIdentity node, Clock clock, ReloadingKeyRing hubKeyRing) {
    KeyRegistry registry = new KeyRegistry(jdbc, node.name(), clock, KeyRegistry.DEFAULT_CACHE);
    registry.sync(hubKeyRing);
    return registry;
  }

  @Bean
  PartyTrusts partyTrusts(
      KeysProperties keys,
      SaphanProperties saphan,
      org.saphan.hub.security.egress.EgressClient egress) {
    return new PartyTrusts(keysDir(keys, saphan), egress);
  }

  @Bean
  JdbcReplayGuard replayGuard(JdbcClient jdbc, Clock clock) {
    return new JdbcReplayGuard(jdbc, clock);
  }

  @Bean
  Signing signing(
      ReloadingKeyRing hubKeyRing,
      KeyRegistry keyRegistry,
      ReplayGuard replayGuard,
      KeysProperties keys,
      Environment environment,
      Clock clock) {
    // The default issuer is this node's own URL, known only once the web server has its port.
    java.util.function.Supplier<String> issuer =
        () ->
            StringUtils.hasText(keys.getIssuer())
                ? keys.getIssuer()
                : "http://localhost:"
                    + environment.getProperty(
                        "local.server.port", environment.getProperty("server.port", "8080"));
    return new Signing(hubKeyRing, keyRegistry, replayGuard, issuer, clock);
  }

  /** The key directory, resolved against {@code saphan.home}. */
  public static Path keysDir(KeysProperties keys, SaphanProperties saphan) {
    Path dir = keys.getDir() == null ? Path.of("keys") : keys.getDir();
    return saphan.getHome().resolve(dir).toAbsolutePath().normalize();
  }

  private static Path required(Path value, String property) {
    if (value == null) {
      throw new StartupRefusedException(
          property + " is not set",
          "Set " + property + " to use that key store, or saphan.keys.store=directory.");
    }
    return value;
  }

  // --- key maintenance and its recurring jobs (batch/schedules.yaml) ---

  @Bean
  KeyMaintenance keyMaintenance(
      ReloadingKeyRing hubKeyRing,
      KeyRegistry registry,
      JdbcReplayGuard replayGuard,
      MeterRegistry meters,
      KeysProperties properties,
      Clock clock) {
    return new KeyMaintenance(hubKeyRing, registry, replayGuard, meters, properties, clock);
  }

  @Bean
  ScheduledWork keyReloadWork(KeyMaintenance maintenance) {
    return ScheduledWork.onEveryNode(RecurringJob.KEY_RELOAD, maintenance::refresh);
  }

  @Bean
  ScheduledWork keyRotationWork(KeyMaintenance maintenance) {
    return ScheduledWork.locked(RecurringJob.KEY_ROTATION, maintenance::rotateDue);
  }

  @Bean
  ScheduledWork replayGuardPurgeWork(KeyMaintenance maintenance) {
    return ScheduledWork.locked(RecurringJob.REPLAY_GUARD_PURGE, maintenance::purgeReplayIds);
  }
}
