package org.saphan.catalog.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Jackson's JSON factory with {@link StrictJson}'s features and limits, whose every parser is a
 * {@link StrictJsonParser}: Jackson has no parser decorator hook, and a factory subclass is the one
 * place every way of reading (bytes, streams, readers, strings) passes through.
 */
final class StrictJsonFactory extends JsonFactory {

  private static final long serialVersionUID = 1L;

  StrictJsonFactory() {
    super();
    StrictJson.configure(this);
  }

  private StrictJsonFactory(StrictJsonFactory source, ObjectCodec codec) {
    super(source, codec);
    StrictJson.configure(this);
  }

  @Override
  public JsonFactory copy() {
    _checkInvalidCopy(StrictJsonFactory.class);
    return new StrictJsonFactory(this, null);
  }

  /** A builder would build a plain, lenient factory: refuse rather than lose the checks. */
  @Override
  public TSFBuilder<?, ?> rebuild() {
    throw new UnsupportedOperationException("StrictJson's factory cannot be rebuilt; copy() it");
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    return utf8Only(super._createParser(in, context), context);
  }

  @Override
  protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
    return new StrictJsonParser(super._createParser(reader, context));
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int length, IOContext context, boolean recyclable)
      throws IOException {
    return new StrictJsonParser(super._createParser(data, offset, length, context, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
      throws IOException {
    return utf8Only(super._createParser(data, offset, length, context), context);
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
    return new StrictJsonParser(super._createParser(input, context));
  }

  /**
   * Bytes must be UTF-8 (RFC 7493 §2.1): Jackson would also detect and read UTF-16 and UTF-32. Text
   * already decoded (a {@code Reader}, a {@code String}) has no encoding left to check.
   */
  private static JsonParser utf8Only(JsonParser parser, IOContext context) throws IOException {
    if (context.getEncoding() != null && context.getEncoding() != JsonEncoding.UTF8) {
      JsonParseException refused =
          new JsonParseException(
              parser,
              "not I-JSON (RFC 7493): the bytes are " + context.getEncoding() + ", not UTF-8");
      parser.close();
      throw refused;
    }
    return new StrictJsonParser(parser);
  }

  @Override
  public JsonParser createNonBlockingByteArrayParser() throws IOException {
    return new StrictJsonParser(super.createNonBlockingByteArrayParser());
  }

  @Override
  public JsonParser createNonBlockingByteBufferParser() throws IOException {
    return new StrictJsonParser(super.createNonBlockingByteBufferParser());
  }
}
