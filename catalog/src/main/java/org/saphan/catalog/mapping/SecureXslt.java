package org.saphan.catalog.mapping;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import net.sf.saxon.Configuration;
import net.sf.saxon.lib.CollectionFinder;
import net.sf.saxon.lib.EnvironmentVariableResolver;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.lib.UnparsedTextURIResolver;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.trans.XPathException;
import org.saphan.catalog.common.SecureXml;

/**
 * A Saxon-HE processor locked down for mappings: a stylesheet sees only its input. Every way out to
 * files, URLs, collections, result documents and environment variables is refused.
 */
final class SecureXslt {

  static final String REFUSED =
      "mappings may not read or write files or URLs; a mapping sees only its input";

  private static final ResourceResolver REFUSE_RESOURCES =
      request -> {
        throw new XPathException(REFUSED + " (refused: " + request.uri + ")");
      };
  private static final UnparsedTextURIResolver REFUSE_TEXT =
      (uri, encoding, config) -> {
        throw new XPathException(REFUSED + " (refused: " + uri + ")");
      };
  private static final CollectionFinder REFUSE_COLLECTIONS =
      (context, uri) -> {
        throw new XPathException(REFUSED + " (refused: collection " + uri + ")");
      };
  private static final EnvironmentVariableResolver NO_ENVIRONMENT =
      new EnvironmentVariableResolver() {
        @Override
        public Set<String> getAvailableEnvironmentVariables() {
          return Collections.emptySet();
        }

        @Override
        public String getEnvironmentVariable(String name) {
          return null;
        }
      };

  private final Processor processor;

  SecureXslt() {
    processor = new Processor(false);
    Configuration config = processor.getUnderlyingConfiguration();
    config.setResourceResolver(REFUSE_RESOURCES);
    config.setUnparsedTextURIResolver(REFUSE_TEXT);
    config.setCollectionFinder(REFUSE_COLLECTIONS);
    config.setConfigurationProperty(Feature.ALLOWED_PROTOCOLS, "");
    config.setConfigurationProperty(Feature.ENVIRONMENT_VARIABLE_RESOLVER, NO_ENVIRONMENT);
    config.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
    config.setConfigurationProperty(Feature.DISABLE_XSL_EVALUATE, true);
    config.setConfigurationProperty(Feature.XINCLUDE, false);
    config.setConfigurationProperty(Feature.DTD_VALIDATION, false);
  }

  /** Compiles a stylesheet; {@code shown} names it in errors. */
  Stylesheet compile(Path shown, String systemId, String source) {
    XsltCompiler compiler = processor.newXsltCompiler();
    compiler.setResourceResolver(REFUSE_RESOURCES);
    try {
      XsltExecutable executable = compiler.compile(SecureXml.source(source, systemId));
      String method =
          executable
              .getUnderlyingCompiledStylesheet()
              .getDeclaredSerializationProperties()
              .getProperty("method");
      return new Stylesheet(executable, outputFormat(method));
    } catch (SaxonApiException e) {
      throw new MappingException(shown, "XSLT does not compile: " + reason(e), e);
    }
  }

  private static MappingFormat outputFormat(String method) {
    if (method == null) {
      return MappingFormat.XML;
    }
    return switch (method) {
      case "json" -> MappingFormat.JSON;
      case "text" -> MappingFormat.TEXT;
      default -> MappingFormat.XML;
    };
  }

  /** Why Saxon failed, in one line. */
  static String reason(SaxonApiException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains(REFUSED)) {
        return message.substring(message.indexOf(REFUSED));
      }
    }
    String doctype = SecureXml.reason(e);
    if (doctype.equals(SecureXml.DOCTYPE_REASON)) {
      return doctype;
    }
    String message = String.valueOf(e.getMessage()).strip();
    return e.getErrorCode() == null
        ? message
        : message + " (" + e.getErrorCode().getLocalName() + ")";
  }

  /** One compiled stylesheet with the processor that runs it. */
  final class Stylesheet {
    private final XsltExecutable executable;
    private final MappingFormat outputFormat;

    private Stylesheet(XsltExecutable executable, MappingFormat outputFormat) {
      this.executable = executable;
      this.outputFormat = outputFormat;
    }

    XsltExecutable executable() {
      return executable;
    }

    MappingFormat outputFormat() {
      return outputFormat;
    }

    /** Applies the per-run protections a transformer does not inherit from the configuration. */
    void harden(Xslt30Transformer transformer) {
      transformer.setResourceResolver(REFUSE_RESOURCES);
      transformer.setUnparsedTextResolver(REFUSE_TEXT);
      transformer.setResultDocumentHandler(
          uri -> {
            throw new IllegalStateException(REFUSED + " (refused: result document " + uri + ")");
          });
      // xsl:message output may carry personal data from the payload, so it goes nowhere.
      transformer.setMessageHandler(message -> {});
    }

    /** Parses XML input without DOCTYPE support. */
    XdmNode parse(String xml) throws SaxonApiException {
      return processor
          .newDocumentBuilder()
          .build(SecureXml.source(xml, "urn:saphan:mapping-input"));
    }

    String reason(SaxonApiException e) {
      return SecureXslt.reason(e);
    }
  }
}
