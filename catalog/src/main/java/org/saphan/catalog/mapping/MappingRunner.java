package org.saphan.catalog.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Timebox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;
import org.saphan.catalog.json.StrictJson;

/**
 * Runs the mapping files of connector cards: {@code .jsonata} (JSON in, JSON out, JSONata) and
 * {@code .xsl}/{@code .xslt} (XSLT 3.0 on Saxon-HE). Each file is compiled once and recompiled only
 * when it changes; instances are safe for concurrent use.
 *
 * <p>XSLT conventions: JSON input is passed as the canonical JSON text in the {@code xs:string}
 * stylesheet parameter {@code $input} and the transformation starts at the template named {@code
 * xsl:initial-template} (parse it with {@code parse-json($input)} or {@code json-to-xml($input)});
 * XML input is the source document of an ordinary {@code apply-templates} transformation. The
 * output format follows {@code xsl:output method}: {@code json} gives JSON, {@code text} text,
 * anything else XML. Stylesheets cannot read files or URLs, write result documents or read
 * environment variables, and neither stylesheets nor XML inputs may contain a DOCTYPE.
 */
public final class MappingRunner {

  /** Largest mapping file accepted. */
  public static final long MAX_MAPPING_BYTES = 256 * 1024;

  /** Longest a JSONata mapping may run on one input. */
  static final long JSONATA_TIMEOUT_MILLIS = 5_000;

  /** Deepest recursion a JSONata mapping may reach. */
  static final int JSONATA_MAX_DEPTH = 200;

  private static final QName INPUT_PARAMETER = new QName("input");
  private static final ObjectMapper JSON = StrictJson.mapper();

  private final Path home;
  private final ConcurrentMap<Path, Compiled> cache = new ConcurrentHashMap<>();
  private volatile SecureXslt xslt;

  /** A runner for the mapping files under {@code home} (the Saphan home). */
  public MappingRunner(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  /** The Saphan home mapping paths are resolved against. */
  public Path home() {
    return home;
  }

  /**
   * Runs {@code mappingFile} (relative to the home, for example {@code
   * mappings/dcy-newborn-grant/request.jsonata}) on {@code input}.
   *
   * @throws MappingException when the file is missing, does not compile, or fails on this input
   */
  public MappingOutput run(Path mappingFile, MappingInput input) {
    return compiled(mappingFile).run(input);
  }

  /**
   * Compiles {@code mappingFile} (relative to the home) so that errors show before the first run.
   *
   * @throws MappingException when the file is missing or does not compile
   */
  public void compile(Path mappingFile) {
    compiled(mappingFile);
  }

  private Compiled compiled(Path mappingFile) {
    Path file = locate(mappingFile);
    Path shown = shown(file);
    Stamp stamp = stamp(file, shown);
    Compiled current = cache.get(file);
    if (current != null && current.stamp().equals(stamp)) {
      return current;
    }
    String source = read(file, shown);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Compiled fresh;
    if (name.endsWith(".jsonata")) {
      fresh = JsonataMapping.compile(shown, stamp, source);
    } else if (name.endsWith(".xsl") || name.endsWith(".xslt")) {
      fresh = new XsltMapping(shown, stamp, xslt().compile(shown, file.toUri().toString(), source));
    } else {
      throw new MappingException(shown, "is not a mapping file: use .jsonata, .xsl or .xslt");
    }
    cache.put(file, fresh);
    return fresh;
  }

  private SecureXslt xslt() {
    SecureXslt current = xslt;
    if (current == null) {
      synchronized (this) {
        current = xslt;
        if (current == null) {
          current = new SecureXslt();
          xslt = current;
        }
      }
    }
    return current;
  }

  private Path locate(Path mappingFile) {
    Path file = home.resolve(mappingFile).normalize();
    if (!file.startsWith(home)) {
      throw new MappingException(mappingFile, "lies outside the Saphan home " + home);
    }
    return file;
  }

  private Path shown(Path file) {
    return home.relativize(file);
  }

  private Stamp stamp(Path file, Path shown) {
    try {
      if (!file.toRealPath().startsWith(home.toRealPath())) {
        throw new MappingException(shown, "lies outside the Saphan home " + home);
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new MappingException(shown, "is not a file");
      }
      if (attributes.size() > MAX_MAPPING_BYTES) {
        throw new MappingException(
            shown,
            "is "
                + attributes.size()
                + " bytes; a mapping file may be at most "
                + MAX_MAPPING_BYTES);
      }
      return new Stamp(attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      throw new MappingException(shown, "does not exist");
    } catch (IOException e) {
      throw new MappingException(shown, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static String read(Path file, Path shown) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MappingException(shown, "is not valid UTF-8 text");
    } catch (IOException e) {
      throw new MappingException(shown, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** When a file was last seen, to recompile it after a change. */
  private record Stamp(FileTime modified, long size) {}

  /** A compiled mapping. */
  private interface Compiled {
    Stamp stamp();

    MappingOutput run(MappingInput input);
  }

  /** A JSONata expression; evaluation is serialized because the library keeps per-run state. */
  private record JsonataMapping(Path file, Stamp stamp, Jsonata expression) implements Compiled {

    static JsonataMapping compile(Path file, Stamp stamp, String source) {
      try {
        return new JsonataMapping(file, stamp, Jsonata.jsonata(source));
      } catch (JException e) {
        throw new MappingException(
            file,
            "JSONata syntax error" + position(source, e.getLocation()) + ": " + e.getMessage(),
            e);
      } catch (IllegalArgumentException e) {
        throw new MappingException(file, "JSONata syntax error: " + e.getMessage(), e);
      }
    }

    /** " at line 3, column 7" for a character offset in {@code source}; empty when unknown. */
    private static String position(String source, int offset) {
      if (offset < 0 || offset > source.length()) {
        return "";
      }
      int line = 1;
      int column = 1;
      for (int i = 0; i < offset - 1 && i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return " at line " + line + ", column " + column;
    }

    @Override
    public MappingOutput run(MappingInput input) {
      if (input.format() != MappingFormat.JSON) {
        throw new MappingException(
            file, "a JSONata mapping takes JSON input, not " + input.format());
      }
      Object data;
      try {
        data = JSON.readValue(input.text(), Object.class);
      } catch (JsonProcessingException e) {
        throw new MappingException(file, "input is not valid JSON: " + e.getOriginalMessage(), e);
      }
      Object result;
      synchronized (expression) {
        try {
          Jsonata.Frame frame = expression.createFrame();
          new Timebox(frame, JSONATA_TIMEOUT_MILLIS, JSONATA_MAX_DEPTH);
          result = expression.evaluate(data, frame);
        } catch (JException | IllegalArgumentException | ClassCastException e) {
          throw new MappingException(file, "JSONata evaluation failed: " + e.getMessage(), e);
        }
      }
      if (result == null) {
        throw new MappingException(file, "produced no output (the expression matched nothing)");
      }
      try {
        return new MappingOutput(MappingFormat.JSON, JSON.writeValueAsString(result));
      } catch (JsonProcessingException e) {
        throw new MappingException(file, "produced a value that is not JSON", e);
      }
    }
  }

  /** A compiled XSLT 3.0 stylesheet. */
  private record XsltMapping(Path file, Stamp stamp, SecureXslt.Stylesheet stylesheet)
      implements Compiled {

    @Override
    public MappingOutput run(MappingInput input) {
      XsltExecutable executable = stylesheet.executable();
      Xslt30Transformer transformer = executable.load30();
      stylesheet.harden(transformer);
      StringWriter out = new StringWriter();
      Serializer serializer = transformer.newSerializer(out);
      try {
        if (input.format() == MappingFormat.JSON) {
          transformer.setStylesheetParameters(
              Map.of(INPUT_PARAMETER, new XdmAtomicValue(input.text())));
          transformer.callTemplate(null, serializer);
        } else {
          XdmNode document = stylesheet.parse(input.text());
          transformer.setGlobalContextItem(document);
          transformer.applyTemplates(document, serializer);
        }
      } catch (SaxonApiException e) {
        throw new MappingException(file, stylesheet.reason(e), e);
      } catch (UncheckedIOException e) {
        throw new MappingException(file, e.getMessage(), e);
      }
      return new MappingOutput(stylesheet.outputFormat(), out.toString());
    }
  }
}
