package org.saphan.hub.batch.layout;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes one fixed-length line strictly in a layout's encoding: an undecodable byte is an error,
 * never a replacement character. A single-byte encoding (TIS-620) decodes through a table.
 */
final class StrictDecoder {

  private final CharsetDecoder decoder;
  private final boolean[] undecodable = new boolean[256];

  /** Byte to char, when every decodable byte of the encoding is one char (a single-byte table). */
  private final char[] table = new char[256];

  private final boolean tableDecode;
  private final char[] lineChars;
  private final byte[] line;
  private final ByteBuffer lineBytes;
  private final CharBuffer chars;
  private int failedAt = -1;

  StrictDecoder(Charset encoding, int recordLength) {
    this.decoder =
        encoding
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    boolean single = true;
    for (int b = 0; b < 256; b++) {
      String decoded = decoded((byte) b);
      undecodable[b] = decoded == null;
      if (decoded != null) {
        if (decoded.length() == 1) {
          table[b] = decoded.charAt(0);
        } else {
          single = false;
        }
      }
    }
    this.tableDecode = single;
    this.lineChars = new char[recordLength];
    this.line = new byte[recordLength];
    this.lineBytes = ByteBuffer.wrap(line);
    this.chars = CharBuffer.allocate(recordLength);
  }

  /** Whether the byte alone never decodes. */
  boolean undecodable(byte b) {
    return undecodable[b & 0xFF];
  }

  /**
   * The text of the first {@code length} bytes (at most the record length), or {@code null} when a
   * byte does not decode; {@link #failedAt()} then gives its offset.
   */
  String decode(byte[] bytes, int length) {
    failedAt = -1;
    if (tableDecode) {
      for (int i = 0; i < length; i++) {
        int b = bytes[i] & 0xFF;
        if (undecodable[b]) {
          failedAt = i;
          return null;
        }
        lineChars[i] = table[b];
      }
      return new String(lineChars, 0, length);
    }
    System.arraycopy(bytes, 0, line, 0, length);
    decoder.reset();
    lineBytes.clear().limit(length);
    chars.clear();
    CoderResult result = decoder.decode(lineBytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      failedAt = lineBytes.position();
      return null;
    }
    chars.flip();
    return chars.toString();
  }

  /** The offset of the byte that did not decode in the last {@link #decode}, or -1. */
  int failedAt() {
    return failedAt;
  }

  /** The char(s) one byte decodes to, or null when it does not decode. */
  private String decoded(byte b) {
    try {
      return decoder.reset().decode(ByteBuffer.wrap(new byte[] {b})).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
