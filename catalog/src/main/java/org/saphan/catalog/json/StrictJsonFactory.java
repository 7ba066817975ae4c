package org.saphan.catalog.json;

import com.fasterxml.jackson.core.JsonFactory;
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
    return new StrictJsonParser(super._createParser(in, context));
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
    return new StrictJsonParser(super._createParser(data, offset, length, context));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
    return new StrictJsonParser(super._createParser(input, context));
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
