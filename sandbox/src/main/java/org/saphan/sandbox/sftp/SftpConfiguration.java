package org.saphan.sandbox.sftp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bank's SFTP server, started and stopped with the sandbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SftpProperties.class)
public class SftpConfiguration {

  @Bean
  BankSftpServer bankSftpServer(SftpProperties properties) {
    return new BankSftpServer(properties);
  }
}
