package org.saphan.hub.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings every part of the hub shares; all run-time paths resolve from {@link #home}. */
@Validated
@ConfigurationProperties(prefix = "saphan")
public class SaphanProperties {

  /**
   * Project root holding routes/, connectors/, mappings/, batch/ and keys/ (set by the launcher).
   */
  @NotNull private Path home;

  /** Where the sandbox keeps its PostgreSQL cluster and Artemis journal; default home/data. */
  @NotNull private Path dataDir;

  /** Name of this hub node in logs, locks and metrics; default host name + port. */
  private String nodeName;

  private final Api api = new Api();
  private final Sandbox sandbox = new Sandbox();

  public Path getHome() {
    return home;
  }

  public void setHome(Path home) {
    this.home = home;
  }

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  public String getNodeName() {
    return nodeName;
  }

  public void setNodeName(String nodeName) {
    this.nodeName = nodeName;
  }

  public Api getApi() {
    return api;
  }

  public Sandbox getSandbox() {
    return sandbox;
  }

  /** Limits of the public HTTP API. */
  public static class Api {

    /**
     * The hub's version as its API description ({@code /openapi.json}) states it: the Maven project
     * version, filled in when the build copies {@code application.yml}.
     */
    @NotBlank private String version = "unknown";

    public String getVersion() {
      return version;
    }

    public void setVersion(String version) {
      this.version = version;
    }

    /** Largest request body accepted on any API endpoint, in bytes (default 1 MiB). */
    @NotNull private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /**
     * The hub's public base URL as callers reach it ({@code https://hub.example.go.th}, no path
     * after the host unless a proxy maps the hub under one), used to make the problem {@code type}
     * an absolute URL of the error catalog. Unset (the default), the type is the relative reference
     * {@code /errors/<code>}, which a client resolves against the URL it called (RFC 9457 §3.1.1).
     */
    private URI publicUrl;

    public URI getPublicUrl() {
      return publicUrl;
    }

    public void setPublicUrl(URI publicUrl) {
      this.publicUrl = publicUrl;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /**
     * The only exceptions to {@link #maxBodySize}: larger limits for the paths they name, matched
     * on the normalised path (Spring path patterns, e.g. {@code /ops/v1/uploads/**}); the first
     * match wins. Empty by default.
     */
    @Valid private List<BodyLimit> bodyLimits = new ArrayList<>();

    public List<BodyLimit> getBodyLimits() {
      return bodyLimits;
    }

    public void setBodyLimits(List<BodyLimit> bodyLimits) {
      this.bodyLimits = bodyLimits;
    }
  }

  /** A larger body limit for the paths matching one pattern. */
  public static class BodyLimit {

    /** Spring path pattern on the normalised request path, e.g. {@code /ops/v1/uploads/**}. */
    @NotBlank private String path;

    /** Largest request body accepted on matching paths, in bytes. */
    @NotNull private DataSize maxSize;

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public DataSize getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }
  }

  /** The sandbox profile's in-process PostgreSQL and Artemis. */
  public static class Sandbox {

    /** TCP port of the embedded PostgreSQL; 0 picks a free one. */
    @Min(0)
    private int postgresPort;

    /** Loopback TCP port of the embedded Artemis acceptor for simulators and tools; 0 = none. */
    @Min(0)
    private int brokerPort;

    /** Where the simulated agencies listen; card URLs on http://localhost:8090 are re-pointed. */
    private String url = "http://localhost:8090";

    /**
     * Where the sandbox's SFTP server listens; batch cards' SFTP servers on localhost:8092 are
     * re-pointed to this port. 0: none.
     */
    @Min(0)
    private int sftpPort;

    /** How long to wait for the embedded PostgreSQL to start. */
    @NotNull private Duration postgresStartTimeout = Duration.ofSeconds(60);

    /**
     * Whether the embedded PostgreSQL syncs every commit to disk (fsync, synchronous_commit,
     * full_page_writes on) like a production server: on by default, so an accepted application
     * survives a crash of the sandbox too; off trades that for speed in throwaway demos.
     */
    private boolean postgresDurable = true;

    /**
     * Connections in the pool to the embedded PostgreSQL. With durable commits, each commit waits
     * for a disk flush and holds its connection meanwhile: more connections let more commits share
     * one flush (benchmarks raise it).
     */
    @Min(1)
    private int postgresPoolSize = 16;

    public int getPostgresPort() {
      return postgresPort;
    }

    public void setPostgresPort(int postgresPort) {
      this.postgresPort = postgresPort;
    }

    public int getSftpPort() {
      return sftpPort;
    }

    public void setSftpPort(int sftpPort) {
      this.sftpPort = sftpPort;
    }

    public int getBrokerPort() {
      return brokerPort;
    }

    public void setBrokerPort(int brokerPort) {
      this.brokerPort = brokerPort;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public int getPostgresPoolSize() {
      return postgresPoolSize;
    }

    public void setPostgresPoolSize(int postgresPoolSize) {
      this.postgresPoolSize = postgresPoolSize;
    }

    public boolean isPostgresDurable() {
      return postgresDurable;
    }

    public void setPostgresDurable(boolean postgresDurable) {
      this.postgresDurable = postgresDurable;
    }

    public Duration getPostgresStartTimeout() {
      return postgresStartTimeout;
    }

    public void setPostgresStartTimeout(Duration postgresStartTimeout) {
      this.postgresStartTimeout = postgresStartTimeout;
    }
  }
}
