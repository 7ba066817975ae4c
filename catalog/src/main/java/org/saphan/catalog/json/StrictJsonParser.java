package org.saphan.catalog.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Checks each token as it is read, so a refused document fails before any of it is used: names and
 * strings must be I-JSON text (no U+0000, no unpaired surrogate, no noncharacter) and numbers
 * finite doubles. Duplicate names, depth and lengths are checked by Jackson itself (see {@link
 * StrictJson}).
 *
 * <p>Every token passes through {@link #nextToken()}: Jackson's {@code nextFieldName()}, {@code
 * nextTextValue()} and friends call it, and {@link #nextValue()} and {@link #skipChildren()} are
 * re-routed through it here, so content a reader skips (an unknown property) is checked too.
 */
final class StrictJsonParser extends JsonParserDelegate {

  StrictJsonParser(JsonParser delegate) {
    super(delegate);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token != null) {
      check(token);
    }
    return token;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken current = currentToken();
    if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken token = nextToken();
      if (token == null) {
        return this;
      }
      if (token.isStructStart()) {
        open++;
      } else if (token.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void check(JsonToken token) throws IOException {
    switch (token) {
      case FIELD_NAME, VALUE_STRING -> {
        // Names and strings alike: getTextCharacters() gives the decoded text without a String.
        if (!isText(
            delegate.getTextCharacters(), delegate.getTextOffset(), delegate.getTextLength())) {
          throw refused(
              (token == JsonToken.FIELD_NAME ? "a member name" : "a string")
                  + " holds U+0000, an unpaired surrogate or a noncharacter");
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        if (!Double.isFinite(delegate.getDoubleValue())) {
          throw refused("a number is not a finite double");
        }
      }
      case VALUE_NUMBER_INT -> {
        if (delegate.getNumberType() == NumberType.BIG_INTEGER
            && !Double.isFinite(delegate.getBigIntegerValue().doubleValue())) {
          throw refused("a number is not a finite double");
        }
      }
      default -> {
        // structure and literals: Jackson has checked them
      }
    }
  }

  /**
   * Whether the characters are I-JSON text: Unicode scalar values other than U+0000 and the
   * noncharacters (U+FDD0..U+FDEF and the last two code points of every plane).
   */
  static boolean isText(char[] chars, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0xD800) {
        if (c == 0) {
          return false;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= end || !Character.isLowSurrogate(chars[i + 1])) {
          return false;
        }
        int codePoint = Character.toCodePoint(c, chars[++i]);
        if ((codePoint & 0xFFFE) == 0xFFFE) {
          return false;
        }
      } else if (c <= 0xDFFF || (c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE) {
        return false;
      }
    }
    return true;
  }

  private JsonParseException refused(String reason) {
    return new JsonParseException(delegate, "not I-JSON (RFC 7493): " + reason);
  }
}
