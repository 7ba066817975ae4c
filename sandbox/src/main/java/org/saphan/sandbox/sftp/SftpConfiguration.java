package org.saphan.sandbox.sftp;

import java.nio.file.Path;
import java.time.Clock;
import org.saphan.sandbox.agency.DoaeBatchInbox;
import org.saphan.sandbox.agency.DoaeResultFiles;
import org.saphan.sandbox.common.PartyKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bank's SFTP server (and the hub's evidence archive store, and the DOAE batch agency's inbox
 * and outbox), started with the sandbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SftpProperties.class)
public class SftpConfiguration {

  /** DOAE's result files, published into the DOAE user's {@code /outbox}, signed as party doae. */
  @Bean
  DoaeResultFiles doaeResultFiles(SftpProperties properties, PartyKeys keys) {
    return new DoaeResultFiles(
        BankSftpServer.doaeOutbox(properties.rootPath().toAbsolutePath().normalize()),
        () -> keys.get(DoaeResultFiles.AGENCY),
        Clock.systemUTC());
  }

  /** A file the DOAE inbox accepts is answered with a result file (a refused one never is). */
  @Bean
  BankSftpServer bankSftpServer(
      SftpProperties properties,
      @Value("${sandbox.keys.dir:../keys}") String keysDir,
      DoaeBatchInbox doae,
      DoaeResultFiles results) {
    return new BankSftpServer(
        properties,
        properties.archiveKeyPath(Path.of(keysDir)),
        properties.doaeKeyPath(Path.of(keysDir)),
        results.answering(doae));
  }
}
