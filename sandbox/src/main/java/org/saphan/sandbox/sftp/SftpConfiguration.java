package org.saphan.sandbox.sftp;

import java.nio.file.Path;
import org.saphan.sandbox.agency.DoaeBatchInbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bank's SFTP server (and the hub's evidence archive store, and the DOAE batch agency's inbox),
 * started with the sandbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SftpProperties.class)
public class SftpConfiguration {

  @Bean
  BankSftpServer bankSftpServer(
      SftpProperties properties,
      @Value("${sandbox.keys.dir:../keys}") String keysDir,
      DoaeBatchInbox doae) {
    return new BankSftpServer(
        properties,
        properties.archiveKeyPath(Path.of(keysDir)),
        properties.doaeKeyPath(Path.of(keysDir)),
        doae::check);
  }
}
